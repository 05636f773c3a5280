package com.amdahl.connections.adapter.persistence;

import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with key ids, the scheme of the credential vault: a fresh 96-bit nonce per seal, the
 * caller's associated data binding a ciphertext to its row, and the key id stored beside it.
 */
final class AesGcm {
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKey> keys;
    private final String currentKeyId;
    private final SecureRandom random = new SecureRandom();

    /** What is stored: everything but the plaintext. */
    record Sealed(String keyId, String nonce, String ciphertext) {
    }

    AesGcm(Map<String, byte[]> keys, String currentKeyId) {
        Map<String, SecretKey> copy = new LinkedHashMap<>();
        keys.forEach((id, key) -> copy.put(id, new SecretKeySpec(key, "AES")));
        this.keys = Map.copyOf(copy);
        if (!this.keys.containsKey(currentKeyId)) {
            throw new IllegalArgumentException("the current key id has no key");
        }
        this.currentKeyId = currentKeyId;
    }

    String currentKeyId() {
        return currentKeyId;
    }

    Sealed seal(byte[] plaintext, byte[] associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            Base64.Encoder base64 = Base64.getEncoder();
            return new Sealed(currentKeyId, base64.encodeToString(nonce), base64.encodeToString(cipher.doFinal(plaintext)));
        } catch (GeneralSecurityException e) {
            throw new ConnectionsException(ErrorCode.INTERNAL_ERROR, "A secret could not be encrypted");
        }
    }

    byte[] open(Sealed sealed, byte[] associatedData) {
        SecretKey key = keys.get(sealed.keyId());
        if (key == null) {
            throw new ConnectionsException(ErrorCode.INTERNAL_ERROR,
                    "A stored secret is encrypted with a key that is not configured (key id " + sealed.keyId() + ")");
        }
        try {
            Base64.Decoder base64 = Base64.getDecoder();
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, base64.decode(sealed.nonce())));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(base64.decode(sealed.ciphertext()));
        } catch (GeneralSecurityException | RuntimeException e) {
            // deliberately no cause: nothing of the ciphertext or key reaches a log
            throw new ConnectionsException(ErrorCode.INTERNAL_ERROR, "A stored secret could not be decrypted");
        }
    }
}
