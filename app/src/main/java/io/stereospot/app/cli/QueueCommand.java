package io.stereospot.app.cli;

import io.stereospot.server.ServerConfig;
import io.stereospot.server.queue.EmbeddedQueue;
import io.stereospot.server.queue.QueueSettings;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./stereospot queue}: the chunk queue and its dead-letter queue (ElasticMQ, SQS-compatible) in a process of
 * their own, for set-ups of several servers and converters without AWS.
 */
@Command(name = "queue", mixinStandardHelpOptions = true,
        description = "Run an SQS-compatible chunk queue (ElasticMQ) with its dead-letter queue until Ctrl-C, for"
                + " servers (--queue URL) and converters (converter --queue URL) without AWS. Queues live in memory.")
final class QueueCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", paramLabel = "P", converter = ServerCommand.PortOption.class,
            description = "Port (env STEREOSPOT_PORT; default " + (ServerConfig.DEFAULT_PORT + 3) + "; 0 picks a"
                    + " free one).")
    private int port = ServerConfig.DEFAULT_PORT + 3;

    @Option(names = "--host", paramLabel = "H",
            description = "Address to listen on (env STEREOSPOT_HOST; default " + ServerConfig.DEFAULT_HOST + ").")
    private String host = ServerConfig.DEFAULT_HOST;

    @Option(names = "--visibility-timeout", paramLabel = "T", converter = VisibilityTimeout.class,
            description = "How long a job taken by a converter that died stays hidden before another gets it, e.g."
                    + " 30s (env STEREOSPOT_VISIBILITY_TIMEOUT; default 30s; live converters extend it).")
    private Duration visibilityTimeout = QueueSettings.DEFAULT_VISIBILITY_TIMEOUT;

    @Option(names = "--max-receives", paramLabel = "N",
            description = "Deliveries of a job before it goes to the dead-letter queue and is served flat"
                    + " (env STEREOSPOT_MAX_RECEIVES; default " + QueueSettings.DEFAULT_MAX_RECEIVES + ").")
    private int maxReceives = QueueSettings.DEFAULT_MAX_RECEIVES;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        EmbeddedQueue queue = EmbeddedQueue.start(host, port, visibilityTimeout, Math.max(1, maxReceives));
        out.println("StereoSpot chunk queue is running.");
        out.println("  Queue        " + queue.queueUrl());
        out.println("  Dead letters " + queue.deadLetterUrl());
        out.println("Press Ctrl-C to stop.");
        out.flush();
        UntilShutdown.keep("stereospot-queue", queue::close);
        return Cli.KEEP_RUNNING;
    }

    /** {@code --visibility-timeout}: at least a second. */
    static final class VisibilityTimeout extends DurationOption {
        VisibilityTimeout() {
            super("--visibility-timeout");
        }
    }
}
