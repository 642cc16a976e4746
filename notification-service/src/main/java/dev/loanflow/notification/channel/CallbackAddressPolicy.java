package dev.loanflow.notification.channel;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Where webhooks may go (server-side request forgery): http or https only, and never to link-local (cloud metadata),
 * multicast or wildcard addresses; loopback and private networks only when explicitly allowed (local stacks, tests).
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
    private final Resolver resolver;

    public CallbackAddressPolicy(boolean allowPrivateNetwork) {
        this(allowPrivateNetwork, InetAddress::getAllByName);
    }

    public CallbackAddressPolicy(boolean allowPrivateNetwork, Resolver resolver) {
        this.allowPrivateNetwork = allowPrivateNetwork;
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
        if (!allowPrivateNetwork && (address.isLoopbackAddress() || address.isSiteLocalAddress() || isUniqueLocal(address))) {
            return Optional.of("loopback and private addresses are not called");
        }
        return Optional.empty();
    }

    private static boolean isUniqueLocal(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
    }
}
