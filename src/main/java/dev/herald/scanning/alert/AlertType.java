package dev.herald.scanning.alert;

import java.util.Arrays;
import java.util.Optional;

/** Where an alert looks: at images where they run (a label scope) or at images by repository. */
public enum AlertType {
    RUNTIME("runtime"),
    REPOSITORY("repository");

    private final String apiName;

    AlertType(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    public static Optional<AlertType> parse(String name) {
        return Arrays.stream(values()).filter(type -> type.apiName.equals(name)).findFirst();
    }
}
