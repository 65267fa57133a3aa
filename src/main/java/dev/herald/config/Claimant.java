package dev.herald.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/** The name this process writes into the claims it takes: host, process id and a random suffix. */
final class Claimant {

    private Claimant() {
    }

    static String name() {
        String name = host() + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
        return name.length() <= 64 ? name : name.substring(name.length() - 64);
    }

    /** This host's name, also the source host_id of the events Herald makes itself. */
    static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
