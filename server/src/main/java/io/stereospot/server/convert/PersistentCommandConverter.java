package io.stereospot.server.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stereospot.contract.ChunkKey;
import io.stereospot.media.process.LongLivedProcess;
import io.stereospot.media.process.StopStep.Ask;
import io.stereospot.server.json.Json;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A converter program that stays loaded (a depth model loads once, not per chunk): started on the first chunk and
 * kept, it reads one job per line on stdin and answers one line per job on stdout.
 *
 * <pre>
 * job:    {"input":"/…/chunk.mp4","output":"/…/segment.mp4","session":"…","index":7}
 * answer: {"ok":true}   or   {"ok":false,"error":"why"}
 * </pre>
 *
 * Other stdout lines (progress) are skipped; stderr goes to the log. One job at a time per program; a program that
 * exits is started again for the next job. It ends with this JVM, even one killed without its shutdown hooks.
 */
final class PersistentCommandConverter implements Converter {

    private static final Logger LOG = LoggerFactory.getLogger(PersistentCommandConverter.class);
    private static final ObjectMapper JSON = Json.mapper();
    /** A depth model on a CPU can take minutes per 5 s chunk; beyond this something is stuck. */
    private static final Duration TIMEOUT = Duration.ofMinutes(30);
    private static final String EXITED = "\u0000exited";
    /** A well-behaved program ends at the end of its input; one that does not is killed after this. */
    private static final Duration END_OF_INPUT_GRACE = Duration.ofSeconds(5);

    private final CommandTemplate program;
    private LongLivedProcess process;
    private Writer stdin;
    private BlockingQueue<String> stdout;

    PersistentCommandConverter(CommandTemplate program) {
        this.program = program;
    }

    @Override
    public String name() {
        return "command";
    }

    @Override
    public void convert(Path input, Path output) throws ConversionException, InterruptedException {
        convert(input, output, new ChunkKey("", 0));
    }

    @Override
    public synchronized void convert(Path input, Path output, ChunkKey chunk)
            throws ConversionException, InterruptedException {
        ObjectNode job = JSON.createObjectNode().put("input", input.toAbsolutePath().toString())
                .put("output", output.toAbsolutePath().toString()).put("session", chunk.sessionId())
                .put("index", chunk.index());
        boolean answered = false;
        try {
            ensureRunning();
            stdin.write(job + "\n");
            stdin.flush();
            JsonNode answer = awaitAnswer();
            answered = true;
            if (!answer.path("ok").asBoolean(false)) {
                throw new ConversionException("The converter program refused the chunk: "
                        + answer.path("error").asText("(no reason given)"));
            }
        } catch (IOException e) {
            throw new ConversionException("The converter program could not be given the chunk (" + program.arguments()
                    .get(0) + "): " + e.getMessage() + stderrTail(), e);
        } finally {
            if (!answered) {
                stop(); // its state is unknown: the next chunk starts it afresh
            }
        }
        try {
            if (!Files.isRegularFile(output) || Files.size(output) == 0) {
                throw new ConversionException("The converter program answered ok but wrote nothing to the output.");
            }
        } catch (IOException e) {
            throw new ConversionException("Could not read the converter's output: " + e.getMessage(), e);
        }
    }

    private JsonNode awaitAnswer() throws ConversionException, InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            String line = stdout.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new ConversionException("The converter program gave no answer within " + TIMEOUT.toMinutes()
                        + " minutes." + stderrTail());
            }
            if (line.equals(EXITED)) {
                throw new ConversionException("The converter program exited" + exitStatus() + " before answering."
                        + stderrTail());
            }
            try {
                JsonNode answer = JSON.readTree(line);
                if (answer != null && answer.has("ok")) {
                    return answer;
                }
            } catch (IOException notJson) {
                // progress output: not the answer
            }
            LOG.debug("Converter program: {}", line);
        }
    }

    private void ensureRunning() throws IOException {
        if (process != null && process.isAlive()) {
            return;
        }
        stop();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        LongLivedProcess started = LongLivedProcess.of(ConverterProcesses.atLowPriority(program.arguments()))
                .name("converter").stdoutLines(lines::add).start();
        started.exit().thenRun(() -> lines.add(EXITED));
        LOG.info("Started the persistent converter program (pid {}): {}", started.pid(), program);
        process = started;
        stdin = new OutputStreamWriter(started.stdin(), StandardCharsets.UTF_8);
        stdout = lines;
    }

    private String exitStatus() {
        try {
            return process != null && process.exitedWithin(Duration.ofSeconds(1))
                    ? " with status " + process.exit().getNow(-1) : "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private String stderrTail() {
        List<String> tail = process == null ? List.of() : process.stderrTail();
        return tail.isEmpty() ? "" : " Its last words: " + String.join(" | ", tail);
    }

    private void stop() {
        if (process == null) {
            return;
        }
        process.stop(List.of(Ask.CLOSE_STDIN.within(END_OF_INPUT_GRACE)));
        process = null;
    }

    @Override
    public synchronized void close() {
        stop();
    }
}
