package dev.loanflow.notification.channel;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where webhooks may go (server-side request forgery): http or https only, and never to link-local (cloud metadata),
 * multicast, wildcard or other special-purpose addresses (this network, shared carrier NAT, benchmarking,
 * documentation, reserved, broadcast, IPv4 embedded in IPv6 by NAT64); in production only to the web's ports (80
 * and 443); loopback, private networks and any port only when explicitly allowed (local stacks, tests).
 * The addresses are checked where the connection is made ({@link #resolve}), not only before: a name that resolved
 * to a public address for the check could resolve to a private one a moment later (DNS rebinding).
 */
public final class CallbackAddressPolicy {

    /** How a host name becomes addresses; the system's resolver outside tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A host whose addresses the policy refuses: the connection is never made. */
    public static final class RefusedAddress extends UnknownHostException {

        RefusedAddress(String why) {
            super(why);
        }
    }

    private final boolean allowPrivateNetwork;
    private final Set<Integer> ports;
    private final Resolver resolver;

    public CallbackAddressPolicy(boolean allowPrivateNetwork) {
        this(allowPrivateNetwork, InetAddress::getAllByName);
    }

    public CallbackAddressPolicy(boolean allowPrivateNetwork, Resolver resolver) {
        this(allowPrivateNetwork, allowPrivateNetwork ? Set.of() : WEB_PORTS, resolver);
    }

    /** @param ports the ports that may be called; empty for any */
    public CallbackAddressPolicy(boolean allowPrivateNetwork, Set<Integer> ports, Resolver resolver) {
        this.allowPrivateNetwork = allowPrivateNetwork;
        this.ports = Set.copyOf(ports);
        this.resolver = resolver;
    }

    /** The host's addresses, for the connection to use: all of them allowed, or none ({@link RefusedAddress}). */
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = resolver.resolve(host);
        for (InetAddress address : addresses) {
            Optional<String> refused = refusal(address);
            if (refused.isPresent()) {
                throw new RefusedAddress(refused.get());
            }
        }
        return addresses;
    }

    /** Why the URL is refused, or empty when it may be called (a name that does not resolve now may later: retried). */
    public Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.of("not a URL");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
            return Optional.of("only http and https callbacks are allowed");
        }
        if (uri.getHost() == null || uri.getUserInfo() != null) {
            return Optional.of("the callback URL needs a host and no credentials");
        }
        if (!ports.isEmpty() && uri.getPort() != -1 && !ports.contains(uri.getPort())) {
            return Optional.of("only ports " + new TreeSet<>(ports) + " are called");
        }
        try {
            resolve(uri.getHost());
            return Optional.empty();
        } catch (RefusedAddress refused) {
            return Optional.of(refused.getMessage());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private Optional<String> refusal(InetAddress address) {
        if (address.isLinkLocalAddress() || address.isMulticastAddress() || address.isAnyLocalAddress()) {
            return Optional.of("link-local, multicast and wildcard addresses are never called");
        }
        if (SPECIAL_PURPOSE.stream().anyMatch(range -> range.contains(address))) {
            return Optional.of("special-purpose addresses are never called");
        }
        if (!allowPrivateNetwork && (address.isLoopbackAddress() || address.isSiteLocalAddress() || isUniqueLocal(address))) {
            return Optional.of("loopback and private addresses are not called");
        }
        return Optional.empty();
    }

    private static final Set<Integer> WEB_PORTS = Set.of(80, 443);

    /** IANA's special-purpose ranges that are neither private networks nor covered by the checks above. */
    private static final List<Range> SPECIAL_PURPOSE = List.of(
            Range.of("0.0.0.0", 8), Range.of("100.64.0.0", 10), Range.of("192.0.0.0", 24), Range.of("192.0.2.0", 24),
            Range.of("198.18.0.0", 15), Range.of("198.51.100.0", 24), Range.of("203.0.113.0", 24),
            Range.of("240.0.0.0", 4), Range.of("64:ff9b::", 96), Range.of("100::", 64), Range.of("2001:db8::", 32));

    /** An address range given by its first address and prefix length. */
    private record Range(byte[] network, int prefixLength) {

        static Range of(String network, int prefixLength) {
            try {
                return new Range(InetAddress.getByName(network).getAddress(), prefixLength);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(network, e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefixLength; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static boolean isUniqueLocal(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
    }
}
