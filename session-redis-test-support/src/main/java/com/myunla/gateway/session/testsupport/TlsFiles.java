package com.myunla.gateway.session.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away CA and one server certificate for {@code 127.0.0.1} and {@code localhost}
 * signed by it, made with {@code openssl}. All processes of a group share the server
 * certificate, which they also present as clients on replication and cluster bus links,
 * so one CA certificate lets clients and nodes trust them all.
 *
 * @param caCertificate the CA certificate (PEM)
 * @param certificate the server certificate (PEM)
 * @param privateKey the server certificate's private key (PEM, unencrypted)
 */
record TlsFiles(Path caCertificate, Path certificate, Path privateKey) {

	private static final Duration OPENSSL_TIMEOUT = Duration.ofSeconds(30);

	// EC keys are generated in milliseconds where RSA keys take a noticeable share of a
	// test run.
	private static final List<String> NEW_KEY = List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
			"-nodes");

	/**
	 * Generates the CA and the server certificate, valid for two days.
	 * @param directory where to write the files
	 * @return the files
	 */
	static TlsFiles generate(Path directory) {
		String openssl = RedisBinaries.openssl().toString();
		TlsFiles files = new TlsFiles(directory.resolve("ca.crt"), directory.resolve("server.crt"),
				directory.resolve("server.key"));
		Path caKey = directory.resolve("ca.key");
		Path request = directory.resolve("server.csr");
		Path extensions = directory.resolve("server.ext");
		try {
			Files.writeString(extensions, "basicConstraints=CA:FALSE\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + extensions, ex);
		}
		run(directory, openssl, "req", "-x509", NEW_KEY, "-keyout", caKey, "-out", files.caCertificate(), "-days", "2",
				"-subj", "/CN=session-redis-test-support CA");
		run(directory, openssl, "req", "-new", NEW_KEY, "-keyout", files.privateKey(), "-out", request, "-subj",
				"/CN=localhost");
		run(directory, openssl, "x509", "-req", "-in", request, "-CA", files.caCertificate(), "-CAkey", caKey,
				"-CAcreateserial", "-out", files.certificate(), "-days", "2", "-extfile", extensions);
		return files;
	}

	/**
	 * Creates a socket factory that trusts the CA, for clients of this package.
	 * @return the socket factory
	 */
	SSLSocketFactory socketFactory() {
		try (InputStream in = Files.newInputStream(this.caCertificate)) {
			Certificate ca = CertificateFactory.getInstance("X.509").generateCertificate(in);
			KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
			trustStore.load(null, null);
			trustStore.setCertificateEntry("ca", ca);
			TrustManagerFactory trustManagers = TrustManagerFactory
				.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trustManagers.init(trustStore);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trustManagers.getTrustManagers(), null);
			return context.getSocketFactory();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + this.caCertificate, ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot trust " + this.caCertificate, ex);
		}
	}

	private static void run(Path directory, String openssl, Object... arguments) {
		List<String> command = new ArrayList<>();
		command.add(openssl);
		for (Object argument : arguments) {
			if (argument instanceof List<?> list) {
				list.forEach((item) -> command.add(item.toString()));
			}
			else {
				command.add(argument.toString());
			}
		}
		ExternalCommand.runChecked(directory, OPENSSL_TIMEOUT, command);
	}

}
