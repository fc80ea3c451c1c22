package io.stereospot.server.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stereospot.contract.ChunkKey;
import io.stereospot.media.testenv.Await;
import io.stereospot.media.testenv.SecondJvm;
import io.stereospot.server.testing.TestChunks;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A converter that stays loaded: the test's converter script (which counts its own start-ups, and stands for a
 * model's load with a 0.3 s wait at start) converts 10 real chunks with one start-up. The same script run once per
 * chunk, side by side, shows what that saves per chunk. Its program ends with a JVM that dies.
 */
class PersistentCommandConverterTest {

    private static final int CHUNKS = 10;
    private static final String LOAD_SECONDS = "0.3";

    @TempDir
    Path dir;

    @Test
    void tenChunksOneStartUpAndTheTimeItSavesPerChunk() throws Exception {
        Path script = countingConverterScript(dir);
        Path chunk = TestChunks.make(dir.resolve("chunks"), 1, 160, 120).get(0);
        Path marks = Files.createDirectories(dir.resolve("marks"));

        Path persistentLog = dir.resolve("persistent.log");
        long persistentNanos;
        try (Converter persistent = ConverterSettings.persistentCommand("bash " + script + " " + persistentLog + " "
                + marks + " " + LOAD_SECONDS).create()) {
            persistentNanos = convertAll(persistent, chunk, dir.resolve("persistent"));
            // A chunk the program refuses is a failed conversion with its reason; the program stays up.
            Files.createFile(marks.resolve("poison-s-99"));
            assertThatThrownBy(() -> persistent.convert(chunk, dir.resolve("poison.mp4"), new ChunkKey("s", 99)))
                    .isInstanceOf(ConversionException.class).hasMessageContaining("this chunk is poison");
        }
        Path perChunkLog = dir.resolve("per-chunk.log");
        // The same program given one job per process, as a per-chunk command converter runs it.
        Converter perChunk = ConverterSettings.command("bash -c 'printf \"{\\\"input\\\":\\\"%s\\\",\\\"output\\\":"
                + "\\\"%s\\\",\\\"session\\\":\\\"s\\\",\\\"index\\\":0}\\n\" \"$1\" \"$2\" | bash " + script + " "
                + perChunkLog + " " + marks + " " + LOAD_SECONDS + " >/dev/null' job {input} {output}").create();
        long perChunkNanos = convertAll(perChunk, chunk, dir.resolve("per-chunk"));

        assertThat(lines(persistentLog, "up ")).as("start-ups of the persistent converter").hasSize(1);
        assertThat(lines(persistentLog, "done ")).hasSize(CHUNKS);
        assertThat(lines(perChunkLog, "up ")).as("start-ups of the per-chunk converter").hasSize(CHUNKS);
        double persistentMs = persistentNanos / 1e6 / CHUNKS;
        double perChunkMs = perChunkNanos / 1e6 / CHUNKS;
        System.out.printf("persistent converter: %.0f ms per chunk (1 start-up); per-chunk process: %.0f ms per chunk"
                + " (%d start-ups); saved %.0f ms per chunk%n", persistentMs, perChunkMs, CHUNKS,
                perChunkMs - persistentMs);
        assertThat(perChunkMs - persistentMs).as("ms saved per chunk, with a 300 ms load at each start-up")
                .isGreaterThan(200);
    }

    /**
     * The second JVM: a persistent converter whose program answers one job and then, like a model that never reads
     * its stdin again, ignores the end of its input. Prints "converted", then waits to be killed.
     */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            Path dir = Path.of(args[0]);
            Path script = Files.writeString(dir.resolve("stays-up.sh"), String.join("\n",
                    "echo $$ > \"$1\"", "read job", "echo converted > \"$2\"", "echo '{\"ok\":true}'",
                    "exec sleep 300", ""));
            Path output = dir.resolve("seg_00000.mp4");
            PersistentCommandConverter converter = new PersistentCommandConverter(CommandTemplate.parseProgram(
                    "sh " + script + " " + dir.resolve("program.pid") + " " + output));
            converter.convert(script, output, new ChunkKey("s", 0));
            System.out.println("converted");
            System.out.flush();
            System.in.read(); // blocks until the test kills this JVM
        }
    }

    @Test
    void itsProgramEndsWhenItsJvmIsKilledWithoutRunningItsShutdownHooks() throws Exception {
        long programPid;
        try (SecondJvm jvm = SecondJvm.start(Holder.class, dir.toString())) {
            assertThat(jvm.readLine("converted"::equals)).as("the holder converted a chunk").isEqualTo("converted");
            programPid = Long.parseLong(Files.readString(dir.resolve("program.pid")).strip());
            assertThat(SecondJvm.ended(programPid)).as("the program runs while its JVM does").isFalse();
            jvm.kill(); // SIGKILL: no hook runs, and the program does not end at the end of its input
        }
        try {
            Await.until("the converter program ended after its JVM was killed", () -> SecondJvm.ended(programPid),
                    Duration.ofSeconds(10));
        } finally {
            ProcessHandle.of(programPid).ifPresent(ProcessHandle::destroyForcibly); // no orphan when this fails
        }
    }

    private static long convertAll(Converter converter, Path chunk, Path outDir) throws Exception {
        Files.createDirectories(outDir);
        long started = System.nanoTime();
        for (int i = 0; i < CHUNKS; i++) {
            Path out = outDir.resolve("seg_" + i + ".mp4");
            converter.convert(chunk, out, new ChunkKey("s", i));
            assertThat(out).hasSameBinaryContentAs(chunk);
        }
        return System.nanoTime() - started;
    }

    private static List<String> lines(Path log, String prefix) throws IOException {
        return Files.readAllLines(log).stream().filter(l -> l.startsWith(prefix)).toList();
    }

    /** The test converter script (see its header) as a file. */
    public static Path countingConverterScript(Path dir) throws IOException {
        Path script = dir.resolve("counting-converter.sh");
        try (InputStream in = PersistentCommandConverterTest.class.getResourceAsStream("counting-converter.sh")) {
            Files.copy(in, script);
        }
        return script;
    }
}
