package dev.herald.endpoint.secret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.crypto.SecretKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secret key Herald makes for itself when {@code herald.secret-key} is not set: 32 random bytes,
 * as one line of base64 (the form {@code herald.secret-key} takes, so it can be copied there), in
 * {@code secret.key} in the data directory. Generated once and reused on every later start.
 *
 * <p>The file is created with its final permissions, owner read and write only, in the same
 * system call that creates it (exclusive create, mode 0600), so it never exists readable by
 * others, not even for a moment. A file system without POSIX permissions gets an ACL for the owner
 * alone where it supports ACLs; Herald says so in its log, since inherited entries may still apply.
 */
public final class SecretKeyFile {

    public static final String NAME = "secret.key";
    private static final Logger LOG = LoggerFactory.getLogger(SecretKeyFile.class);
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private SecretKeyFile() {
    }

    /** The key in {@code <dataDirectory>/secret.key}, generated first if there is none. */
    public static SecretKey loadOrCreate(Path dataDirectory) {
        Path file = dataDirectory.toAbsolutePath().resolve(NAME);
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the secret key file " + file
                    + " (set herald.data-directory, or herald.secret-key)", e);
        }
    }

    private static void create(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] key = new byte[SecretBox.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        byte[] line = (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII);
        FileAttribute<?> ownerOnly = ownerOnly(file.getParent());
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try (FileChannel channel = ownerOnly == null ? FileChannel.open(file, options)
                : FileChannel.open(file, options, ownerOnly)) {
            channel.write(ByteBuffer.wrap(line));
            channel.force(true);
        } catch (FileAlreadyExistsException e) {
            // another process sharing the data directory made it first: use that one
            return;
        }
        LOG.info("Generated the secret key that encrypts stored secrets in {} (owner read and write only). Back it "
                + "up with the database; every Herald on this database needs the same key (herald.secret-key).", file);
    }

    /** Permissions for the owner alone, as the file system can express them; null when it cannot. */
    private static FileAttribute<?> ownerOnly(Path directory) throws IOException {
        FileStore store = Files.getFileStore(directory);
        if (store.supportsFileAttributeView(PosixFileAttributeView.class)) {
            return PosixFilePermissions.asFileAttribute(OWNER_ONLY);
        }
        if (store.supportsFileAttributeView(AclFileAttributeView.class)) {
            UserPrincipal owner = directory.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name"));
            List<AclEntry> acl = List.of(AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(owner)
                    .setPermissions(AclEntryPermission.READ_DATA, AclEntryPermission.WRITE_DATA,
                            AclEntryPermission.APPEND_DATA, AclEntryPermission.READ_ATTRIBUTES,
                            AclEntryPermission.WRITE_ATTRIBUTES, AclEntryPermission.READ_ACL,
                            AclEntryPermission.WRITE_ACL, AclEntryPermission.DELETE, AclEntryPermission.SYNCHRONIZE)
                    .build());
            LOG.warn("The file system of {} has no POSIX permissions: the secret key file gets an access list for "
                    + "{} alone; check that no inherited entry lets others read it", directory, owner.getName());
            return new FileAttribute<List<AclEntry>>() {
                @Override
                public String name() {
                    return "acl:acl";
                }

                @Override
                public List<AclEntry> value() {
                    return acl;
                }
            };
        }
        LOG.warn("The file system of {} can restrict neither POSIX permissions nor access lists: make the secret key "
                + "file readable by the account Herald runs as only, or set herald.secret-key instead", directory);
        return null;
    }

    private static SecretKey read(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)
                && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file))) {
            LOG.warn("The secret key file {} can be read or written by others than its owner; "
                    + "restrict it (chmod 600)", file);
        }
        try {
            return SecretBox.key(Base64.getDecoder().decode(Files.readString(file, StandardCharsets.ISO_8859_1).strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The secret key file " + file + " does not hold a secret key (one line, "
                    + "the base64 of " + SecretBox.KEY_BYTES + " bytes). Restore it from your backup; if no secret "
                    + "was ever stored with it, delete it and Herald generates a new one");
        }
    }
}
