package io.stereospot.capture.source;

/**
 * A sound input: what the computer plays (system loopback) or a microphone.
 *
 * @param kind   which of the two
 * @param id     stable id for pickers and logs: {@code audio:system}, {@code audio:mic}
 * @param label  text for a person, e.g. "System audio (what you hear)", "Microphone: Built-in Audio"
 * @param device the name FFmpeg's input for this platform opens (PulseAudio source name, dshow device name,
 *               avfoundation index)
 */
public record AudioSource(Kind kind, String id, String label, String device) {

    public static final String SYSTEM_ID = "audio:system";
    public static final String MICROPHONE_ID = "audio:mic";

    public enum Kind {
        /** "What you hear": the default output's loopback (PulseAudio: the default sink's monitor). */
        SYSTEM,
        /** The default recording device. */
        MICROPHONE
    }

    public static AudioSource system(String label, String device) {
        return new AudioSource(Kind.SYSTEM, SYSTEM_ID, label, device);
    }

    public static AudioSource microphone(String label, String device) {
        return new AudioSource(Kind.MICROPHONE, MICROPHONE_ID, label, device);
    }
}
