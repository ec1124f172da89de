package dev.kafkacourse.support.security;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A private certificate authority made at test time, and the PKCS12 key and trust stores signed by it: one broker
 * certificate for {@code localhost} and {@code 127.0.0.1}, and client certificates for mutual TLS on demand.
 *
 * <p>Everything lives in a temporary directory with generated passwords: no key, certificate or password is ever
 * part of the repository. EC P-256 keys, because generating RSA keys costs seconds on a small machine.
 */
public final class TestCertificates {

    /** The subject suffix of every client certificate; the broker's principal mapping rule strips it. */
    public static final String CLIENT_SUBJECT_SUFFIX = ",OU=kafka-course";
    private static final Duration VALIDITY = Duration.ofDays(2);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final Path directory;
    private final KeyPair caKeys;
    private final X509Certificate caCertificate;
    private final KeyStoreFile trustStore;
    private final KeyStoreFile brokerKeyStore;
    private final Map<String, KeyStoreFile> clientKeyStores = new LinkedHashMap<>();
    private KeyStoreFile foreignTrustStore;

    /**
     * A PKCS12 store on disk and its generated password.
     *
     * @param path     the {@code .p12} file
     * @param password the store password (for PKCS12 also the key password)
     */
    public record KeyStoreFile(Path path, String password) {

        public static final String TYPE = "PKCS12";

        @Override
        public String toString() {
            return "KeyStoreFile[" + path + ", password=***]";
        }
    }

    private TestCertificates(Path directory) throws GeneralSecurityException, IOException {
        this.directory = directory;
        this.caKeys = newKeyPair();
        this.caCertificate = caCertificate("CN=kafka-course test CA", caKeys);
        this.trustStore = writeTrustStore("truststore", caCertificate);
        KeyPair brokerKeys = newKeyPair();
        X509Certificate brokerCertificate = leafCertificate("CN=localhost", brokerKeys.getPublic(), true);
        this.brokerKeyStore = writeKeyStore("broker", brokerKeys, brokerCertificate);
    }

    /** A new CA with its broker certificate, stored under {@code directory} (created if needed). */
    public static TestCertificates create(Path directory) {
        try {
            Files.createDirectories(directory);
            return new TestCertificates(directory);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Could not make test certificates in " + directory + ": " + e, e);
        }
    }

    /** The folder holding every store (deleted with the cluster that uses it). */
    public Path directory() {
        return directory;
    }

    /** The CA certificate alone: what a client needs to trust the broker. */
    public KeyStoreFile trustStore() {
        return trustStore;
    }

    /** The broker's key and certificate chain (subject alternative names {@code localhost}, {@code 127.0.0.1}). */
    public KeyStoreFile brokerKeyStore() {
        return brokerKeyStore;
    }

    public X509Certificate caCertificate() {
        return caCertificate;
    }

    /**
     * A client key store for mutual TLS whose certificate subject is {@code CN=<commonName>,OU=kafka-course},
     * signed by this CA. Made once per name.
     */
    public synchronized KeyStoreFile clientKeyStore(String commonName) {
        return clientKeyStores.computeIfAbsent(commonName, name -> {
            try {
                KeyPair keys = newKeyPair();
                // Written in encoding order; Java and Kafka print RDNs last-first, as CN=<name>,OU=kafka-course.
                X509Certificate certificate = leafCertificate("OU=kafka-course,CN=" + name, keys.getPublic(),
                        false);
                return writeKeyStore("client-" + name.replaceAll("[^A-Za-z0-9_-]", "_"), keys, certificate);
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("Could not make a client certificate for " + name + ": " + e, e);
            }
        });
    }

    /**
     * A trust store holding a different CA: the broker's certificate does not chain to it, as when a client is
     * given the wrong CA bundle.
     */
    public synchronized KeyStoreFile foreignTrustStore() {
        if (foreignTrustStore == null) {
            try {
                KeyPair otherCa = newKeyPair();
                foreignTrustStore = writeTrustStore("foreign-truststore",
                        caCertificate("CN=some other CA", otherCa));
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("Could not make a foreign trust store: " + e, e);
            }
        }
        return foreignTrustStore;
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256, RANDOM);
        return generator.generateKeyPair();
    }

    private static X509Certificate caCertificate(String subject, KeyPair keys) throws GeneralSecurityException,
            IOException {
        X500Name name = new X500Name(subject);
        X509v3CertificateBuilder builder = builder(name, name, keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return sign(builder, keys);
    }

    private X509Certificate leafCertificate(String subject, PublicKey publicKey, boolean server)
            throws GeneralSecurityException, IOException {
        X500Name issuer = X500Name.getInstance(caCertificate.getSubjectX500Principal().getEncoded());
        X509v3CertificateBuilder builder = builder(issuer, new X500Name(subject), publicKey);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true,
                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
        if (server) {
            // Hostname verification checks these names: clients reach the broker as localhost or 127.0.0.1.
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            // The broker is also a TLS client of itself (inter-broker listener).
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
        } else {
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        }
        return sign(builder, caKeys);
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey publicKey) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), subject, publicKey);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("Cannot sign a certificate: " + e.getMessage(), e);
        }
    }

    private KeyStoreFile writeKeyStore(String name, KeyPair keys, X509Certificate certificate)
            throws GeneralSecurityException, IOException {
        String password = newPassword();
        KeyStore store = KeyStore.getInstance(KeyStoreFile.TYPE);
        store.load(null, null);
        store.setKeyEntry(name, keys.getPrivate(), password.toCharArray(),
                new Certificate[] {certificate, caCertificate});
        return save(name + ".p12", store, password);
    }

    private KeyStoreFile writeTrustStore(String name, X509Certificate ca) throws GeneralSecurityException,
            IOException {
        String password = newPassword();
        KeyStore store = KeyStore.getInstance(KeyStoreFile.TYPE);
        store.load(null, null);
        store.setCertificateEntry("ca", ca);
        return save(name + ".p12", store, password);
    }

    private KeyStoreFile save(String fileName, KeyStore store, String password) throws GeneralSecurityException,
            IOException {
        Path path = directory.resolve(fileName);
        try (OutputStream out = Files.newOutputStream(path)) {
            store.store(out, password.toCharArray());
        }
        return new KeyStoreFile(path, password);
    }

    /** A random password; also used for SCRAM users. */
    public static String newPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
