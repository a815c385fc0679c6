package io.ordo.gateway.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.KeyManagerFactory;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

/**
 * The server's TLS context from a PKCS#12 keystore (its private key and certificate chain), through the JDK's
 * {@code SSLEngine} (Netty's {@code SslHandler} does the rest).
 * <p>
 * Stateless.
 */
public final class ServerTls
{
    private ServerTls()
    {
    }

    /**
     * @throws IOException              if the keystore cannot be read or its password is wrong.
     * @throws GeneralSecurityException if it holds no usable key.
     */
    public static SslContext fromPkcs12(final Path keystore, final char[] password)
        throws IOException, GeneralSecurityException
    {
        final KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore))
        {
            store.load(in, password);
        }
        final KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        return SslContextBuilder.forServer(keys).build();
    }
}
