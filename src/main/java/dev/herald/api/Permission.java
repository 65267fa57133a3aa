package dev.herald.api;

import dev.herald.account.Role;

/**
 * What a route asks of its caller, after Anchore's action table: reading needs any role, changing
 * needs read-write, administering the system needs a read-write user of the admin account.
 */
enum Permission {
    READ,
    WRITE,
    ADMIN;

    boolean allows(Caller caller) {
        return switch (this) {
            case READ -> true;
            case WRITE -> caller.role() == Role.READ_WRITE;
            case ADMIN -> caller.role() == Role.READ_WRITE && caller.isAdmin();
        };
    }
}
