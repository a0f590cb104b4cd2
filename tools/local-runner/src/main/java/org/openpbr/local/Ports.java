package org.openpbr.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks that the ports the stack needs are free, so a clash is one clear sentence, not a stack trace. */
final class Ports {

    private Ports() {
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // As the servers themselves bind: closed connections in TIME_WAIT do not make a port busy.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void requireFree(Map<String, Integer> ports) throws StackException {
        List<String> busy = new ArrayList<>();
        for (Map.Entry<String, Integer> entry : ports.entrySet()) {
            if (!isFree(entry.getValue())) {
                busy.add("  port " + entry.getValue() + " (" + entry.getKey() + ")");
            }
        }
        if (!busy.isEmpty()) {
            throw new StackException("These ports are already in use:\n" + String.join("\n", busy) + "\n"
                    + "Stop whatever uses them (see: ss -ltnp), or choose other ports, e.g.\n"
                    + "  ./openpbr run --keycloak-port 9180 --clustering-port 9081\n"
                    + "(all options: ./openpbr help)");
        }
    }
}
