package io.ordo.gateway.server;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.ordo.client.ClientConfig;
import io.ordo.client.OrdoClient;
import io.ordo.protocol.codec.OrderKind;
import io.ordo.protocol.codec.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Specification of TLS: a server with a self-signed certificate (made with the JDK's keytool, as docs/operations.md
 * shows) serves a client that trusts it and finds the host it connected to in it; a client that connects by a name
 * the certificate does not hold is refused, and so is a plaintext client.
 */
class GatewayTlsTest
{
    private static final char[] PASSWORD = "test-password".toCharArray();

    @TempDir
    Path dir;

    @Test
    void shouldServeAClientThatTrustsTheCertificateAndNoPlaintextClient() throws Exception
    {
        final Path keystore = dir.resolve("ordo.p12");
        final Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool")
            .toString(), "-genkeypair", "-alias", "ordo", "-keyalg", "EC", "-groupname", "secp256r1",
            "-dname", "CN=localhost", "-ext", "san=dns:localhost", "-validity", "2", "-keystore", keystore.toString(),
            "-storetype", "PKCS12", "-storepass", new String(PASSWORD)).redirectErrorStream(true).start();
        final String keytoolOutput = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor()).as(keytoolOutput).isZero();

        final SSLContext trusting = trusting(keystore);
        try (Venue venue = new Venue(dir.resolve("data"), engine -> { }, gateway -> tls(gateway, keystore),
            client -> client.tls(trusting).server("localhost", client.port())))
        {
            try (OrdoClient client = OrdoClient.connect(new ClientConfig().server("localhost", venue.port())
                .login(venue.traderKey(1)).tls(trusting).reconnect(false)))
            {
                assertThat(client.placeOrder(Venue.BTC_USD, Side.BUY, OrderKind.GTC, 1_000, 1_000).join().accepted())
                    .isTrue();
            }
            assertThatThrownBy(() -> OrdoClient.connect(new ClientConfig().server("127.0.0.1", venue.port())
                .login(venue.traderKey(2)).reconnect(false).connectTimeoutMs(2_000)))
                .as("plaintext to a TLS server").isInstanceOf(Exception.class);
            assertThatThrownBy(() -> OrdoClient.connect(new ClientConfig().server("127.0.0.1", venue.port())
                .login(venue.traderKey(2)).tls(trusting).reconnect(false).connectTimeoutMs(2_000)))
                .as("127.0.0.1, which the certificate does not name").isInstanceOf(Exception.class)
                .hasStackTraceContaining("No subject alternative names matching IP address 127.0.0.1");
        }
    }

    private static void tls(final GatewayConfig config, final Path keystore)
    {
        try
        {
            config.tls(ServerTls.fromPkcs12(keystore, PASSWORD));
        }
        catch (final Exception e)
        {
            throw new IllegalStateException(e);
        }
    }

    private static SSLContext trusting(final Path keystore) throws Exception
    {
        final KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore))
        {
            store.load(in, PASSWORD);
        }
        final TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
