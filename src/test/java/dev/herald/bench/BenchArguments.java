package dev.herald.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A benchmark main's {@code --name=value} arguments over its defaults; a name it does not know is refused. */
final class BenchArguments {

    private final Map<String, String> given;

    private BenchArguments(Map<String, String> given) {
        this.given = given;
    }

    static BenchArguments parse(Map<String, String> defaults, String... args) {
        Map<String, String> given = new HashMap<>(defaults);
        for (String arg : args) {
            String[] pair = arg.replaceFirst("^--", "").split("=", 2);
            if (pair.length != 2 || !defaults.containsKey(pair[0])) {
                throw new IllegalArgumentException("expected --name=value with a name of " + defaults.keySet()
                        + ", not " + arg);
            }
            given.put(pair[0], pair[1]);
        }
        return new BenchArguments(given);
    }

    String text(String name) {
        return given.get(name);
    }

    /** A whole number; {@code _} and {@code ,} may group its digits. */
    int number(String name) {
        return number(name, given.get(name));
    }

    List<Integer> numbers(String name) {
        return Arrays.stream(given.get(name).split(",")).map(n -> number(name, n)).toList();
    }

    /** {@code --databases}: h2 and/or postgres. */
    List<String> databases() {
        List<String> databases = List.of(given.get("databases").split(","));
        if (!List.of("h2", "postgres").containsAll(databases)) {
            throw new IllegalArgumentException("databases are h2 and postgres, not " + databases);
        }
        return databases;
    }

    /** A folder, absent when the argument is empty. */
    Optional<Path> folder(String name) {
        String folder = given.get(name);
        return folder.isBlank() ? Optional.empty() : Optional.of(Path.of(folder).toAbsolutePath());
    }

    private static int number(String name, String text) {
        try {
            return Integer.parseInt(text.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, not " + text);
        }
    }
}
