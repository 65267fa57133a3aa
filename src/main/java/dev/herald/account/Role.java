package dev.herald.account;

import java.util.Optional;

/** What a user may do in its account, as Anchore names the roles. */
public enum Role {
    /** List and read. */
    READ_ONLY("read-only"),
    /** Also create, change, delete and test. */
    READ_WRITE("read-write");

    private final String apiName;

    Role(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    public static Optional<Role> parse(String text) {
        for (Role role : values()) {
            if (role.apiName.equals(text)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return apiName;
    }
}
