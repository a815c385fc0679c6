package io.ordo.client;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;

import io.ordo.protocol.ApiKeyText;

/**
 * A file holding what a session logs in with: an account id and an API key in its text form
 * ({@link ApiKeyText}), as {@code account=} and {@code key=} lines. The server writes the operator's on a new data
 * directory ({@code DIR/operator.key}); tools read it with {@code --key-file}. Written readable by its owner only.
 *
 * @param accountId the account the key logs in as.
 * @param key       the key's text form.
 */
public record ApiKeyFile(long accountId, String key)
{
    /**
     * @throws IOException              if the file cannot be read.
     * @throws IllegalArgumentException naming the file if it lacks a line or the key is malformed.
     */
    public static ApiKeyFile read(final Path file) throws IOException
    {
        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file))
        {
            properties.load(reader);
        }
        final String account = properties.getProperty("account");
        final String key = properties.getProperty("key");
        if (account == null || key == null)
        {
            throw new IllegalArgumentException(file + " is not an API key file: it needs account= and key= lines");
        }
        try
        {
            ApiKeyText.keyId(key.trim());
            return new ApiKeyFile(Long.parseLong(account.trim()), key.trim());
        }
        catch (final IllegalArgumentException e)
        {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the file readable and writable by its owner only (on file systems with POSIX permissions), through a
     * temporary file moved into place, so that a reader never sees half a key. Replaces an existing file.
     */
    public void write(final Path file, final String comment) throws IOException
    {
        final Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        try
        {
            Files.createFile(temporary,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        catch (final UnsupportedOperationException notPosix)
        {
            Files.createFile(temporary);
        }
        catch (final FileAlreadyExistsException raced)
        {
            throw new IOException("another process is writing " + file, raced);
        }
        Files.writeString(temporary, "# " + comment + "\naccount=" + accountId + "\nkey=" + key + "\n");
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
