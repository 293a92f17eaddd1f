package org.poxledger.ledger.memory;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** A certificate with its private key and PEM text. */
record IssuedCertificate(X509Certificate certificate, PrivateKey privateKey, String pem) {}
