package io.stereospot.server;

import io.stereospot.server.access.AccessSettings;
import io.stereospot.server.config.AwsSettings;
import io.stereospot.server.config.Storage;
import io.stereospot.server.convert.ConverterSettings;
import io.stereospot.server.datadir.DataDirs;
import io.stereospot.server.playback.PlaybackSettings;
import io.stereospot.server.queue.QueueSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.gaul.s3proxy.blobstore.BlobStore;

/**
 * Everything the stream server is started with: where it listens, its {@link Storage} (the embedded store and STS
 * over a data dir, or AWS), and the playback settings.
 *
 * <p>Ports: the API on {@link #port()}, the embedded S3 on {@code port + 1} and the embedded STS on
 * {@code port + 2} (8470, 8471, 8472 by default); port 0 makes all three ephemeral. With {@link #https()}, the same
 * routes also answer over HTTPS on {@code port + 4} (8474).
 */
public final class ServerConfig {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8470;
    public static final String DEFAULT_BUCKET = "stereospot";
    public static final Duration DEFAULT_CREDENTIAL_LIFETIME = Duration.ofHours(1);
    /** AWS refuses AssumeRole shorter than this. */
    public static final Duration AWS_MIN_CREDENTIAL_LIFETIME = Duration.ofMinutes(15);

    private final String host;
    private final int port;
    private final Storage storage;
    private final URI publicUrl;
    private final String bucket;
    private final Clock clock;
    private final Duration credentialLifetime;
    private final PlaybackSettings playback;
    private final QueueSettings queue;
    private final boolean converting;
    private final AccessSettings access;
    private final boolean https;

    private ServerConfig(Builder b) {
        this.host = b.host;
        this.port = b.port;
        // The data dir is the embedded store's alone: with AWS nothing is written locally, so none is chosen.
        this.storage = b.aws != null ? new Storage.Aws(b.aws)
                : new Storage.Embedded(b.dataDir != null ? b.dataDir : DataDirs.defaultDataDir(), b.sessionPuts);
        this.publicUrl = b.publicUrl;
        this.bucket = b.bucket;
        this.clock = b.clock;
        this.credentialLifetime = b.credentialLifetime;
        this.playback = b.playback;
        this.queue = b.queue;
        this.converting = b.converting;
        this.access = b.access;
        this.https = b.https;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static ServerConfig defaults() {
        return builder().build();
    }

    public Builder toBuilder() {
        Builder builder = new Builder().host(host).port(port).publicUrl(publicUrl).bucket(bucket).clock(clock)
                .credentialLifetime(credentialLifetime).playback(playback).queue(queue).converting(converting)
                .access(access).https(https);
        if (storage instanceof Storage.Aws aws) {
            return builder.aws(aws.settings());
        }
        Storage.Embedded embedded = (Storage.Embedded) storage;
        return builder.dataDir(embedded.dataDir()).sessionPutsThrough(embedded.sessionPuts());
    }

    public String host() {
        return host;
    }

    /** The API port; 0 = ephemeral (and then the embedded S3 and STS ports too). */
    public int port() {
        return port;
    }

    public int s3Port() {
        return port == 0 ? 0 : port + 1;
    }

    public int stsPort() {
        return port == 0 ? 0 : port + 2;
    }

    /** The embedded store over a data dir, or AWS. */
    public Storage storage() {
        return storage;
    }

    /** The base URL players reach the API at; empty = {@code http://host:port} as bound. */
    public Optional<URI> publicUrl() {
        return Optional.ofNullable(publicUrl);
    }

    /** A real S3 + STS; empty = the embedded store. */
    public Optional<AwsSettings> aws() {
        return storage instanceof Storage.Aws aws ? Optional.of(aws.settings()) : Optional.empty();
    }

    public String bucket() {
        return bucket;
    }

    /** The clock of credential expiry and session timestamps (tests move it). */
    public Clock clock() {
        return clock;
    }

    public Duration credentialLifetime() {
        return credentialLifetime;
    }

    /** The converter worker, playlist and housekeeping settings ({@code --converter …}). */
    public PlaybackSettings playback() {
        return playback;
    }

    /** Which converter turns chunks into segments: {@code sbs} (default), {@code copy} or {@code command}. */
    public ConverterSettings converter() {
        return playback.converter();
    }

    /** The chunk queue: none (the in-process path), ElasticMQ in this process, or one at a URL. */
    public QueueSettings queue() {
        return queue;
    }

    /** Whether this process converts chunks; false = API and playlists only ({@code --no-converter}). */
    public boolean converting() {
        return converting;
    }

    /** Who may create and end sessions, and the limits on them. */
    public AccessSettings access() {
        return access;
    }

    /** The embedded queue's port: {@code port + 3}, or ephemeral. */
    public int queuePort() {
        return port == 0 || port + 3 > 65535 ? 0 : port + 3;
    }

    /**
     * Whether the routes also answer over HTTPS, with a self-signed certificate kept in the data dir: on the LAN a
     * headset's browser allows WebXR only in a secure context.
     */
    public boolean https() {
        return https;
    }

    /** The HTTPS port: {@code port + 4}, or ephemeral. */
    public int httpsPort() {
        return port == 0 || port + 4 > 65535 ? 0 : port + 4;
    }

    @Override
    public String toString() {
        return "ServerConfig[host=" + host + ", port=" + port + ", storage=" + storage + ", publicUrl=" + publicUrl
                + ", https=" + https + ", bucket=" + bucket + ", credentialLifetime=" + credentialLifetime + ", converter="
                + playback.converter().describe() + "]";
    }

    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private Path dataDir;
        private URI publicUrl;
        private AwsSettings aws;
        private String bucket = DEFAULT_BUCKET;
        private Clock clock = Clock.systemUTC();
        private Duration credentialLifetime = DEFAULT_CREDENTIAL_LIFETIME;
        private PlaybackSettings playback = PlaybackSettings.defaults();
        private QueueSettings queue = QueueSettings.none();
        private boolean converting = true;
        private AccessSettings access = AccessSettings.defaults();
        private boolean https;
        private UnaryOperator<BlobStore> sessionPuts = UnaryOperator.identity();

        private Builder() {
        }

        public Builder queue(QueueSettings queue) {
            this.queue = Objects.requireNonNull(queue, "queue");
            return this;
        }

        public Builder access(AccessSettings access) {
            this.access = Objects.requireNonNull(access, "access");
            return this;
        }

        /** Also serve the routes over HTTPS on {@link ServerConfig#httpsPort()} (off by default). */
        public Builder https(boolean https) {
            this.https = https;
            return this;
        }

        public Builder converting(boolean converting) {
            this.converting = converting;
            return this;
        }

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * The embedded store's data dir; null = the per-user default ({@code $XDG_DATA_HOME/stereospot} or
         * {@code ~/.local/share/stereospot}). Unused with {@link #aws(AwsSettings)}.
         */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /**
         * What each write a session credential is granted passes through on the embedded store's way to its files,
         * after the grant checks (by default, nothing): the one place a composer adds behaviour to those writes, e.g.
         * answering S3 errors. Unused with {@link #aws(AwsSettings)}.
         */
        public Builder sessionPutsThrough(UnaryOperator<BlobStore> decorator) {
            this.sessionPuts = Objects.requireNonNull(decorator, "decorator");
            return this;
        }

        public Builder publicUrl(URI publicUrl) {
            this.publicUrl = publicUrl;
            return this;
        }

        /** A real S3 + STS instead of the embedded store; null = the embedded store. */
        public Builder aws(AwsSettings aws) {
            this.aws = aws;
            return this;
        }

        /** AWS mode when {@code STEREOSPOT_AWS_ROLE_ARN} is set in {@code env}; see {@link AwsSettings}. */
        public Builder awsFromEnvironment(Map<String, String> env) {
            this.aws = AwsSettings.fromEnvironment(env).orElse(aws);
            String envBucket = env.get("STEREOSPOT_BUCKET");
            if (envBucket != null && !envBucket.isBlank()) {
                this.bucket = envBucket;
            }
            return this;
        }

        public Builder bucket(String bucket) {
            this.bucket = Objects.requireNonNull(bucket, "bucket");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder credentialLifetime(Duration credentialLifetime) {
            this.credentialLifetime = Objects.requireNonNull(credentialLifetime, "credentialLifetime");
            return this;
        }

        public Builder playback(PlaybackSettings playback) {
            this.playback = Objects.requireNonNull(playback, "playback");
            return this;
        }

        public Builder converter(ConverterSettings converter) {
            this.playback = playback.withConverter(Objects.requireNonNull(converter, "converter"));
            return this;
        }

        public ServerConfig build() {
            if (host.isBlank()) {
                throw new IllegalArgumentException("The host must not be empty.");
            }
            if (port < 0 || port > 65533) {
                throw new IllegalArgumentException("The port must be 0 (any free port) or 1 to 65533 (the store and "
                        + "STS take the next two), not " + port + ".");
            }
            if (!bucket.matches("[a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9]")) {
                throw new IllegalArgumentException("'" + bucket + "' is not a valid S3 bucket name.");
            }
            Duration min = aws == null ? Duration.ofSeconds(1) : AWS_MIN_CREDENTIAL_LIFETIME;
            if (credentialLifetime.compareTo(min) < 0 || credentialLifetime.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("The credential lifetime must be between " + min.toSeconds()
                        + " s and 1 h (3600 s), not " + java.math.BigDecimal.valueOf(credentialLifetime.toMillis(), 3)
                        .stripTrailingZeros().toPlainString() + " s.");
            }
            if (publicUrl != null && (publicUrl.getScheme() == null || publicUrl.getHost() == null
                    || !(publicUrl.getScheme().equals("http") || publicUrl.getScheme().equals("https")))) {
                throw new IllegalArgumentException("The public URL must be an http(s) URL such as "
                        + "http://192.168.1.20:8470, not '" + publicUrl + "'.");
            }
            return new ServerConfig(this);
        }
    }
}
