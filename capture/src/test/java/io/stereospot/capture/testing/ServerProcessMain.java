package io.stereospot.capture.testing;

import io.stereospot.server.ServerConfig;
import io.stereospot.server.StreamServer;
import io.stereospot.server.convert.ConverterSettings;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The stream server alone in a JVM, for {@link ServerProcess}: {@code DATA_DIR PORT [CONVERTER_COMMAND]} (no
 * command: the {@code copy} converter). Prints {@value #READY} with its URLs once it serves, then runs until killed.
 */
public final class ServerProcessMain {

    public static final String READY = "SERVER-PROCESS-READY";

    private ServerProcessMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ConverterSettings converter = args.length > 2 ? ConverterSettings.command(args[2]) : ConverterSettings.copy();
        StreamServer server = StreamServer.start(ServerConfig.builder().host("127.0.0.1")
                .port(Integer.parseInt(args[1])).dataDir(Path.of(args[0])).converter(converter).build());
        System.out.println(READY + " api=" + server.baseUrl() + " s3=" + server.s3Endpoint());
        System.out.flush();
        // Nothing ends it but a signal: the test kills it the way a crash would.
        new CountDownLatch(1).await();
    }
}
