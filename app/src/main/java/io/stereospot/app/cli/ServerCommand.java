package io.stereospot.app.cli;

import io.stereospot.server.ServerConfig;
import io.stereospot.server.StreamServer;
import io.stereospot.server.config.AwsSettings;
import io.stereospot.server.config.Storage;
import io.stereospot.server.convert.ConverterSettings;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@code ./stereospot server}: the stream server on its own, until Ctrl-C. */
final class ServerCommand implements Subcommand {

    private final Map<String, String> env;

    ServerCommand() {
        this(System.getenv());
    }

    ServerCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "server";
    }

    @Override
    public String summary() {
        return "run the stream server (session API, embedded object store) until Ctrl-C";
    }

    @Override
    public String usage() {
        return String.join(System.lineSeparator(),
                "Usage: ./stereospot server [--port P] [--host H] [--data-dir D] [--public-url URL]"
                        + " [--credential-lifetime T]",
                "                           [--converter sbs|copy|command] [--converter-command \"… {input} … {output}\"]"
                        + " [--sbs-size WxH]",
                "  --port P         API port (default " + ServerConfig.DEFAULT_PORT + "); the embedded S3 and STS take "
                        + "P+1 and P+2; 0 picks free ports",
                "  --host H         address to listen on (default " + ServerConfig.DEFAULT_HOST
                        + "; 0.0.0.0 for every interface)",
                "  --data-dir D     where the store and credentials live (default $XDG_DATA_HOME/stereospot or "
                        + "~/.local/share/stereospot)",
                "  --public-url URL the base URL players reach the server at, used in playlist URLs "
                        + "(default http://HOST:PORT)",
                "  --credential-lifetime T  how long each session's upload credentials last, e.g. 15m, 90s, 1h "
                        + "(default 1h, the most; at least 15m on AWS, 1s with the embedded store); a stream stops "
                        + "shortly before its credentials expire",
                "  --converter C    how each chunk becomes a segment: sbs (default: flat half side-by-side), copy "
                        + "(unchanged), command (an external program such as iw3)",
                "  --converter-command \"…\"  the program line for --converter command, with {input} and {output}",
                "  --sbs-size WxH   size of the side-by-side frame for --converter sbs (default: the source's size)",
                "Set " + AwsSettings.ROLE_ARN_ENV + " (and " + AwsSettings.REGION_ENV + ", STEREOSPOT_BUCKET, "
                        + AwsSettings.S3_ENDPOINT_ENV + ", " + AwsSettings.STS_ENDPOINT_ENV
                        + ") to use AWS S3 + STS instead of the embedded store.");
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        StreamServer server = start(args, out);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            out.println("Stream server stopped.");
        }, "stereospot-server-shutdown"));
        return CommandLine.KEEP_RUNNING;
    }

    /** Starts the server and says where it is; the caller owns it. */
    StreamServer start(List<String> args, PrintStream out) throws UsageException {
        ServerConfig config = parse(args);
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
        out.println("  Converter " + config.converter().describe());
        out.println("Press Ctrl-C to stop.");
        return server;
    }

    private ServerConfig parse(List<String> args) throws UsageException {
        ServerConfig.Builder config = ServerConfig.builder().awsFromEnvironment(env);
        String converter = null;
        String converterCommand = null;
        String sbsSize = null;
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            if (i + 1 >= args.size()) {
                throw new UsageException("'" + flag + "' needs a value.");
            }
            String value = args.get(++i);
            switch (flag) {
                case "--port":
                    config.port(port(value));
                    break;
                case "--host":
                    config.host(value);
                    break;
                case "--data-dir":
                    config.dataDir(Path.of(value));
                    break;
                case "--public-url":
                    config.publicUrl(url(value));
                    break;
                case "--credential-lifetime":
                    config.credentialLifetime(DurationOption.parse(flag, value));
                    break;
                case "--converter":
                    converter = value;
                    break;
                case "--converter-command":
                    converterCommand = value;
                    break;
                case "--sbs-size":
                    sbsSize = value;
                    break;
                default:
                    throw new UsageException("Unknown option '" + flag + "'.");
            }
        }
        try {
            config.converter(ConverterSettings.fromOptions(converter, converterCommand, sbsSize));
            return config.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static int port(String value) throws UsageException {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException("The port must be a number, not '" + value + "'.");
        }
    }

    private static URI url(String value) throws UsageException {
        try {
            return new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
        } catch (URISyntaxException e) {
            throw new UsageException("'" + value + "' is not a URL.");
        }
    }
}
