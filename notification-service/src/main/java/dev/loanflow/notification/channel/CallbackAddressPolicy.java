package dev.loanflow.notification.channel;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Where webhooks may go (server-side request forgery): http or https only, and never to link-local (cloud metadata),
 * multicast or wildcard addresses; loopback and private networks only when explicitly allowed (local stacks, tests).
 */
public final class CallbackAddressPolicy {

    private final boolean allowPrivateNetwork;

    public CallbackAddressPolicy(boolean allowPrivateNetwork) {
        this.allowPrivateNetwork = allowPrivateNetwork;
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
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                Optional<String> refused = refusal(address);
                if (refused.isPresent()) {
                    return refused;
                }
            }
            return Optional.empty();
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
