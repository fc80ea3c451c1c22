package io.stereospot.server.http;

import io.stereospot.server.datadir.SecretFiles;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The self-signed certificate of the LAN's HTTPS port. Browsers allow WebXR only in a secure context, so a headset
 * on the LAN needs the watch page over https; no CA signs a certificate for 192.168.x.y, so the server makes its own
 * once and keeps it in its data dir ({@code https/watch-key.pem}, owner-only, and {@code https/watch-cert.pem}). It
 * is made again only when it does not name every address asked for (another network) or is near its end. The
 * private key is never logged.
 */
public final class HttpsCertificate {

    private static final Logger LOG = LoggerFactory.getLogger(HttpsCertificate.class);
    static final String KEY_FILE = "watch-key.pem";
    static final String CERT_FILE = "watch-cert.pem";
    static final Duration VALIDITY = Duration.ofDays(3650);
    static final Duration RENEW_BEFORE = Duration.ofDays(30);
    /** Every certificate names this computer too, so the page also works at 127.0.0.1 and localhost. */
    static final List<String> LOOPBACK_NAMES = List.of("127.0.0.1", "::1", "localhost");

    private final PrivateKey key;
    private final X509Certificate certificate;

    private HttpsCertificate(PrivateKey key, X509Certificate certificate) {
        this.key = key;
        this.certificate = certificate;
    }

    /**
     * The certificate kept in {@code dir}, or a new one (kept there) when there is none, it does not name every one
     * of {@code hosts}, or it ends within 30 days.
     *
     * @param hosts addresses or names the LAN reaches this server at (the loopback names are added)
     */
    public static HttpsCertificate keptIn(Path dir, Collection<String> hosts, Clock clock) {
        Set<String> names = new TreeSet<>(LOOPBACK_NAMES);
        names.addAll(hosts);
        Path keyFile = dir.resolve(KEY_FILE);
        Path certFile = dir.resolve(CERT_FILE);
        try {
            if (Files.isRegularFile(keyFile) && Files.isRegularFile(certFile)) {
                HttpsCertificate kept = read(keyFile, certFile);
                if (kept.names().containsAll(names) && kept.certificate.getNotAfter().toInstant()
                        .isAfter(clock.instant().plus(RENEW_BEFORE))) {
                    LOG.info("HTTPS certificate for {} kept in {}", kept.names(), certFile);
                    return kept;
                }
            }
            HttpsCertificate made = make(names, clock.instant());
            SecretFiles.createOwnerOnlyDirectories(dir);
            SecretFiles.writeOwnerOnly(keyFile, pem(new JcaPKCS8Generator(made.key, null)));
            Files.writeString(certFile, pem(made.certificate));
            LOG.info("HTTPS certificate for {} made, kept in {}", names, certFile);
            return made;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not keep the HTTPS certificate in " + dir, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Could not make the HTTPS certificate", e);
        }
    }

    /** The names and addresses the certificate is valid for (its subject alternative names). */
    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                alternatives.forEach(entry -> names.add(normalise(String.valueOf(entry.get(1)))));
            }
        } catch (GeneralSecurityException e) {
            return Set.of();
        }
        return names;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** An in-memory key store of the key and certificate for Jetty, under {@code password}. */
    public KeyStore keyStore(char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("watch", key, password, new X509Certificate[] {certificate});
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Could not load the HTTPS certificate", e);
        }
    }

    private static HttpsCertificate make(Set<String> names, Instant now)
            throws GeneralSecurityException, OperatorCreationException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        X500Name subject = new X500Name("CN=StereoSpot Stream on this network");
        GeneralName[] alternatives = names.stream().map(HttpsCertificate::generalName).toArray(GeneralName[]::new);
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                new BigInteger(127, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(VALIDITY)), subject, pair.getPublic());
        try {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alternatives));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        } catch (IOException e) {
            throw new GeneralSecurityException("Could not add the certificate's extensions", e);
        }
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        return new HttpsCertificate(pair.getPrivate(), certificate);
    }

    private static GeneralName generalName(String name) {
        return isAddress(name) ? new GeneralName(GeneralName.iPAddress, name) : new GeneralName(GeneralName.dNSName,
                name);
    }

    private static boolean isAddress(String name) {
        return name.matches("[0-9.]+") || name.contains(":");
    }

    /** An address as the certificate gives it back (IPv6 in full form) in the form it was asked for. */
    private static String normalise(String name) {
        if (!name.contains(":")) {
            return name;
        }
        try {
            InetAddress address = InetAddress.getByName(name);
            return address.isLoopbackAddress() ? "::1" : address.getHostAddress();
        } catch (IOException e) {
            return name;
        }
    }

    private static HttpsCertificate read(Path keyFile, Path certFile) throws IOException, GeneralSecurityException {
        PrivateKey key;
        try (PEMParser parser = new PEMParser(new StringReader(SecretFiles.readOwnerOnly(keyFile)))) {
            key = new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) parser.readObject());
        }
        X509Certificate certificate;
        try (PEMParser parser = new PEMParser(new StringReader(Files.readString(certFile)))) {
            certificate = new JcaX509CertificateConverter().getCertificate((X509CertificateHolder) parser.readObject());
        }
        return new HttpsCertificate(key, certificate);
    }

    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return "HttpsCertificate" + names();
    }
}
