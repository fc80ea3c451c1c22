package io.stereospot.server.http;

import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.Base64;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The API's second port, where the same routes answer over TLS with the kept self-signed certificate: a headset on the
 * LAN gets the watch page in a secure context, which WebXR needs.
 *
 * @param port 0 = any free port
 */
public record HttpsPort(int port, HttpsCertificate certificate) {

    /**
     * The port for a server bound to {@code host}, with the certificate kept in {@code certDir} naming the addresses
     * the LAN reaches it at: {@code host} itself, or every address of this computer when it is a wildcard, and the
     * public URL's host.
     */
    public static HttpsPort forLan(Path certDir, String host, int port, Optional<URI> publicUrl, Clock clock) {
        Set<String> names = new TreeSet<>();
        if (isWildcard(host)) {
            names.addAll(interfaceAddresses());
        } else {
            names.add(bare(host));
        }
        publicUrl.map(URI::getHost).map(HttpsPort::bare).ifPresent(names::add);
        return new HttpsPort(port, HttpsCertificate.keptIn(certDir, names, clock));
    }

    private static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static Set<String> interfaceAddresses() {
        Set<String> addresses = new TreeSet<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nic.isUp() && !nic.isLoopback()) {
                    Collections.list(nic.getInetAddresses()).stream()
                            .filter(a -> !a.isLinkLocalAddress())
                            .forEach(a -> addresses.add(a.getHostAddress()));
                }
            }
        } catch (SocketException e) {
            // no list of interfaces: the certificate names this computer's loopback only
        }
        return addresses;
    }

    /** A Jetty connector for this port, with the plain connector's HTTP settings. */
    ServerConnector connector(Server server, HttpConfiguration plain, String host) {
        // The key store lives only in memory; its password only guards it there.
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = Base64.getEncoder().encodeToString(random);
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStore(certificate.keyStore(password.toCharArray()));
        tls.setKeyStorePassword(password);
        tls.setKeyManagerPassword(password);
        HttpConfiguration secure = new HttpConfiguration(plain);
        SecureRequestCustomizer customizer = new SecureRequestCustomizer();
        // Headsets ask by IP address, which carries no SNI; one certificate names every address anyway.
        customizer.setSniHostCheck(false);
        secure.addCustomizer(customizer);
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(tls, "http/1.1"),
                new HttpConnectionFactory(secure));
        connector.setHost(host);
        connector.setPort(port);
        return connector;
    }
}
