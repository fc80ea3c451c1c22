package io.stereospot.app.cli;

import io.stereospot.server.ConverterNode;
import io.stereospot.server.ServerConfig;
import io.stereospot.server.config.AwsSettings;
import io.stereospot.server.convert.ConverterSettings;
import io.stereospot.server.convert.WorkerSettings;
import java.io.PrintWriter;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./stereospot converter --queue URL}: a converter worker on its own, until Ctrl-C. */
@Command(name = "converter", mixinStandardHelpOptions = true,
        description = "Run a converter worker: take chunk jobs from the queue, write segments to the bucket, until"
                + " Ctrl-C. Run several, here or on other machines.",
        footer = {"", "S3 credentials come from the AWS SDK's default chain (AWS_ACCESS_KEY_ID and"
                + " AWS_SECRET_ACCESS_KEY, a profile, or the instance role). For the embedded store, use the key in"
                + " <data dir>/root-credentials.properties and --s3-endpoint http://HOST:8471."})
final class ConverterCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--queue", paramLabel = "URL", required = true, converter = ServerCommand.QueueUrl.class,
            description = "The SQS queue chunk jobs come from (env STEREOSPOT_QUEUE).")
    private URI queue;

    @Option(names = "--s3-endpoint", paramLabel = "URL",
            description = "The S3 endpoint of the bucket (env STEREOSPOT_S3_ENDPOINT; default AWS S3 itself).")
    private URI s3Endpoint;

    @Option(names = "--bucket", paramLabel = "NAME",
            description = "The bucket chunks and segments live in (env STEREOSPOT_BUCKET; default "
                    + ServerConfig.DEFAULT_BUCKET + ").")
    private String bucket = ServerConfig.DEFAULT_BUCKET;

    @Option(names = "--aws-region", paramLabel = "R",
            description = "The region of S3 (env STEREOSPOT_AWS_REGION; default " + AwsSettings.DEFAULT_REGION + ").")
    private String region = AwsSettings.DEFAULT_REGION;

    @Option(names = "--parallel", paramLabel = "N",
            description = "Chunks converted at the same time (env STEREOSPOT_PARALLEL; default half the cores).")
    private Integer parallel;

    @Mixin
    private ConverterOptions converterOptions = new ConverterOptions();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ConverterSettings converter;
        WorkerSettings settings = WorkerSettings.defaults();
        try {
            converter = converterOptions.settings();
            if (parallel != null) {
                settings = settings.withParallelSessions(parallel);
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        ConverterNode node = ConverterNode.start(queue, s3Endpoint, region, bucket, converter, settings);
        out.println("StereoSpot converter is running.");
        out.println("  Queue     " + queue);
        out.println("  S3        " + (s3Endpoint == null ? "AWS " + region : s3Endpoint) + "  (bucket " + bucket + ")");
        out.println("  Converter " + converter.describe() + ", " + settings.parallelSessions() + " at a time");
        out.println("Press Ctrl-C to stop.");
        out.flush();
        UntilShutdown.keep("stereospot-converter", () -> {
            node.close();
            out.println("Converter stopped.");
            out.flush();
        });
        return Cli.KEEP_RUNNING;
    }
}
