package io.stereospot.capture;

import io.stereospot.capture.ffmpeg.FfmpegCommand;
import io.stereospot.capture.quality.AutoChoice;
import io.stereospot.capture.quality.QualityProbe;
import io.stereospot.capture.quality.QualityStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Auto's choice before the first chunk (issue 27): trial captures through the broadcast's own command where FFmpeg
 * grabs the picture itself, else 720p30. What was chosen and why is logged and told ({@link
 * BroadcastListener#qualityChosen}).
 */
final class QualityStart {

    private static final Logger LOG = LoggerFactory.getLogger(QualityStart.class);
    /** Where the trials write, inside the spool: cleaned with it. */
    private static final String TRIALS = "quality-trials";

    private QualityStart() {
    }

    /**
     * @param command  the broadcast's command; its folder is the spool
     * @param ownGrab  whether FFmpeg grabs the picture itself (a feed from the system's screen sharing is opened
     *                 once, at one size, and cannot be tried at others)
     */
    static QualityStep choose(BroadcastSettings config, ListenerDispatch events, FfmpegCommand command,
            boolean ownGrab) {
        String sentence;
        QualityStep chosen;
        if (config.autoStart() != null) {
            chosen = config.autoStart();
            sentence = "Quality Auto starts at " + chosen.spoken() + " as asked, without measuring first.";
        } else if (!ownGrab) {
            chosen = QualityStep.P720_30;
            sentence = "Quality Auto chose " + chosen.spoken() + ": the picture comes through the system's screen "
                    + "sharing, which cannot be measured at other sizes before the start.";
        } else {
            AutoChoice choice = new QualityProbe(config.catalog().launcher(), config.catalog().processEnvironment(),
                    command, command.spoolDir().resolve(TRIALS))
                    .choose(QualityStep.ladderFor(command.source().height()));
            chosen = choice.chosen();
            sentence = choice.sentence();
        }
        LOG.info("{}", sentence);
        events.tell(l -> l.qualityChosen(sentence));
        return chosen;
    }
}
