package io.stereospot.app.gui.local;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** This computer's address on the local network, the one other devices (a TV, a headset) can reach. */
public final class LanAddresses {

    private LanAddresses() {
    }

    /** The first private IPv4 address of an interface that is up, preferring 192.168/10/172.16 networks. */
    public static Optional<String> find() {
        try {
            List<InetAddress> candidates = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                    .filter(LanAddresses::usable)
                    .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                    .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                    .collect(Collectors.toList());
            return candidates.stream()
                    .sorted(Comparator.comparingInt((InetAddress a) -> a.isSiteLocalAddress() ? 0 : 1))
                    .map(InetAddress::getHostAddress)
                    .findFirst();
        } catch (SocketException e) {
            return Optional.empty();
        }
    }

    private static boolean usable(NetworkInterface i) {
        try {
            // Bridges of containers and VMs (docker0, virbr0) are up but lead nowhere a TV could be.
            String name = i.getName();
            return i.isUp() && !i.isLoopback() && !i.isVirtual() && !i.isPointToPoint()
                    && !name.startsWith("docker") && !name.startsWith("virbr") && !name.startsWith("veth")
                    && !name.startsWith("br-");
        } catch (SocketException e) {
            return false;
        }
    }
}
