package io.stereospot.app.cli;

import io.stereospot.app.platform.PlatformDirs;
import io.stereospot.server.ServerConfig;
import io.stereospot.server.StreamServer;
import io.stereospot.server.config.AwsSettings;
import io.stereospot.server.config.Storage;
import io.stereospot.server.queue.QueueSettings;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code ./stereospot server}: the stream server on its own, until Ctrl-C. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Run the stream server (session API, embedded object store) until Ctrl-C.",
        footer = {"", "Set " + AwsSettings.ROLE_ARN_ENV + " (and " + AwsSettings.REGION_ENV + ", STEREOSPOT_BUCKET, "
                + AwsSettings.S3_ENDPOINT_ENV + ", " + AwsSettings.STS_ENDPOINT_ENV + ") to use AWS S3 + STS instead of"
                + " the embedded store."})
final class ServerCommand implements Callable<Integer> {

    private final Map<String, String> env;

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", paramLabel = "P", converter = PortOption.class,
            description = "API port (default " + ServerConfig.DEFAULT_PORT + "; env STEREOSPOT_PORT); the embedded S3"
                    + " and STS take P+1 and P+2; 0 picks free ports.")
    private Integer port;

    @Option(names = "--host", paramLabel = "H",
            description = "Address to listen on (default " + ServerConfig.DEFAULT_HOST
                    + "; 0.0.0.0 for every interface; env STEREOSPOT_HOST).")
    private String host;

    @Option(names = "--data-dir", paramLabel = "D",
            description = "Where the store and credentials live (env STEREOSPOT_DATA_DIR; default"
                    + " $XDG_DATA_HOME/stereospot or ~/.local/share/stereospot on Linux).")
    private Path dataDir;

    @Option(names = "--public-url", paramLabel = "URL", converter = PublicUrl.class,
            description = "The base URL players reach the server at, used in playlist URLs (default http://HOST:PORT;"
                    + " env STEREOSPOT_PUBLIC_URL).")
    private URI publicUrl;

    @Option(names = "--https",
            description = "Also serve the same routes over HTTPS on P+4, with a self-signed certificate kept in the"
                    + " data dir: a headset on the LAN allows VR on the watch page only over HTTPS (it warns once"
                    + " about the certificate; env STEREOSPOT_HTTPS).")
    private boolean https;

    @Option(names = "--credential-lifetime", paramLabel = "T", converter = DurationOption.CredentialLifetime.class,
            description = "How long each set of upload credentials lasts, e.g. 15m, 90s, 1h (default 1h, the most;"
                    + " at least 15m on AWS, 1s with the embedded store; env STEREOSPOT_CREDENTIAL_LIFETIME);"
                    + " clients renew them before they expire, so streams run on.")
    private Duration credentialLifetime;

    @Mixin
    private ConverterOptions converterOptions = new ConverterOptions();

    @Mixin
    private AccessOptions accessOptions = new AccessOptions();

    @Option(names = "--no-converter",
            description = "Serve the API and playlists only; converters (./stereospot converter) take the chunks.")
    private boolean noConverter;

    @Option(names = "--queue", paramLabel = "URL", converter = QueueUrl.class,
            description = "The SQS queue chunk jobs go through (env STEREOSPOT_QUEUE; default: ElasticMQ in this"
                    + " process with the embedded store; none on AWS, which then lists the bucket every second).")
    private URI queue;

    ServerCommand() {
        this(System.getenv());
    }

    ServerCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        StreamServer server = start(out);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            out.println("Stream server stopped.");
        }, "stereospot-server-shutdown"));
        return Cli.KEEP_RUNNING;
    }

    /** Starts the server the parsed options describe and says where it is; the caller owns it. */
    StreamServer start(PrintWriter out) {
        ServerConfig config = config();
        StreamServer server = StreamServer.start(config);
        out.println("StereoSpot stream server is running.");
        out.println("  API       " + server.baseUrl());
        if (config.storage() instanceof Storage.Embedded embedded) {
            out.println("  S3        " + server.s3Endpoint() + "  (bucket " + server.bucket() + ")");
            out.println("  STS       " + server.stsEndpoint());
            out.println("  Data      " + embedded.dataDir().toAbsolutePath()
                    + "  (objects as plain files under store/" + server.bucket() + "/)");
        } else {
            AwsSettings aws = config.aws().get();
            out.println("  S3        " + (aws.s3Endpoint() == null ? "AWS " + aws.region() : aws.s3Endpoint())
                    + "  (bucket " + server.bucket() + ")");
            out.println("  STS       " + (aws.stsEndpoint() == null ? "AWS " + aws.region() : aws.stsEndpoint())
                    + "  (role " + aws.roleArn() + ")");
        }
        out.println("  Playlists " + server.publicUrl() + "/stream/{session_id}/playlist.m3u8");
        server.watchOrigin().ifPresent(origin -> out.println("  Watch     " + origin
                + "/watch/{session_id}  (self-signed certificate: a browser warns once)"));
        server.queueUrl().ifPresent(url -> out.println("  Queue     " + url));
        out.println("  Creates   " + (config.access().keysRequired()
                ? "need one of " + config.access().apiKeys().size() + " API keys" : "open to anyone reaching the API"));
        out.println("  Converter " + (config.converting() ? config.converter().describe()
                : "none here (--no-converter): run ./stereospot converter --queue URL"));
        out.println("Press Ctrl-C to stop.");
        return server;
    }

    private ServerConfig config() {
        ServerConfig.Builder config = ServerConfig.builder().awsFromEnvironment(env)
                .dataDir(dataDir != null ? dataDir : PlatformDirs.forThisUser(env).data());
        if (port != null) {
            config.port(port);
        }
        if (host != null) {
            config.host(host);
        }
        if (publicUrl != null) {
            config.publicUrl(publicUrl);
        }
        config.https(https);
        if (credentialLifetime != null) {
            config.credentialLifetime(credentialLifetime);
        }
        if (queue != null) {
            config.queue(QueueSettings.at(queue));
        } else if (AwsSettings.fromEnvironment(env).isEmpty()) {
            config.queue(QueueSettings.embeddedQueue());
        }
        try {
            config.converter(converterOptions.settings()).converting(!noConverter);
            config.access(accessOptions.settings());
            return config.build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** {@code --port}: a number (its range is the server's to check). */
    static final class PortOption implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("The port must be a number, not '" + value + "'.");
            }
        }
    }

    /** {@code --queue}: a URL. */
    static final class QueueUrl implements ITypeConverter<URI> {
        @Override
        public URI convert(String value) {
            try {
                URI url = new URI(value);
                if (url.getHost() == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
                    throw new TypeConversionException("--queue takes a queue URL such as http://127.0.0.1:8473/"
                            + "000000000000/stereospot-chunks, not '" + value + "'.");
                }
                return url;
            } catch (URISyntaxException e) {
                throw new TypeConversionException("'" + value + "' is not a URL.");
            }
        }
    }

    /** {@code --public-url}: a URL, without a trailing slash. */
    static final class PublicUrl implements ITypeConverter<URI> {
        @Override
        public URI convert(String value) {
            try {
                return new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            } catch (URISyntaxException e) {
                throw new TypeConversionException("'" + value + "' is not a URL.");
            }
        }
    }
}
