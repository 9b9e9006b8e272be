#include "TlsSession.h"

#include <openssl/err.h>
#include <openssl/x509.h>
#include <poll.h>

#include <climits>
#include <stdexcept>

namespace hub {
namespace {

std::string lastError() {
    const unsigned long e = ERR_get_error();
    ERR_clear_error();
    if (e == 0) return "unknown error";
    char text[256];
    ERR_error_string_n(e, text, sizeof text);
    return text;
}

}  // namespace

TlsContext::TlsContext(const std::string& certFile, const std::string& keyFile) : m_ctx(SSL_CTX_new(TLS_server_method())) {
    if (!m_ctx) throw std::runtime_error("TLS: cannot create a context: " + lastError());
    SSL_CTX_set_min_proto_version(m_ctx.get(), TLS1_2_VERSION);
    SSL_CTX_set_options(m_ctx.get(), SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
    SSL_CTX_set_mode(m_ctx.get(), SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    if (SSL_CTX_use_certificate_chain_file(m_ctx.get(), certFile.c_str()) != 1)
        throw std::runtime_error("--tls-cert " + certFile + ": cannot load a PEM certificate chain: " + lastError());
    if (SSL_CTX_use_PrivateKey_file(m_ctx.get(), keyFile.c_str(), SSL_FILETYPE_PEM) != 1) {
        if (ERR_GET_REASON(ERR_peek_last_error()) == X509_R_KEY_VALUES_MISMATCH) {
            ERR_clear_error();
            throw std::runtime_error("--tls-key " + keyFile + ": does not match the certificate in " + certFile);
        }
        throw std::runtime_error("--tls-key " + keyFile + ": cannot load a PEM private key: " + lastError());
    }
    if (SSL_CTX_check_private_key(m_ctx.get()) != 1)
        throw std::runtime_error("--tls-key " + keyFile + ": does not match the certificate in " + certFile);
}

TlsSession::TlsSession(const TlsContext& context, int sock) : m_ssl(SSL_new(context.get())) {
    if (!m_ssl) throw std::runtime_error("TLS: cannot create a session: " + lastError());
    SSL_set_fd(m_ssl, sock);
}

TlsSession::~TlsSession() { SSL_free(m_ssl); }

bool TlsSession::retry(int ret, std::chrono::steady_clock::time_point until, const SocketWait& wait) {
    switch (SSL_get_error(m_ssl, ret)) {
    case SSL_ERROR_WANT_READ: return wait(POLLIN, until);
    case SSL_ERROR_WANT_WRITE: return wait(POLLOUT, until);
    default:
        ERR_clear_error();
        m_broken = true;
        return false;
    }
}

bool TlsSession::handshake(std::chrono::steady_clock::time_point until, const SocketWait& wait) {
    for (;;) {
        const int r = SSL_accept(m_ssl);
        if (r == 1) return true;
        if (!retry(r, until, wait)) return false;
    }
}

long TlsSession::read(char* buffer, size_t size, std::chrono::steady_clock::time_point until, const SocketWait& wait) {
    const int n = static_cast<int>(std::min<size_t>(size, INT_MAX));
    for (;;) {
        const int r = SSL_read(m_ssl, buffer, n);
        if (r > 0) return r;
        if (SSL_get_error(m_ssl, r) == SSL_ERROR_ZERO_RETURN) return 0;
        if (!retry(r, until, wait)) return -1;
    }
}

long TlsSession::write(const char* data, size_t size, std::chrono::steady_clock::time_point until, const SocketWait& wait) {
    const int n = static_cast<int>(std::min<size_t>(size, INT_MAX));
    for (;;) {
        const int r = SSL_write(m_ssl, data, n);
        if (r > 0) return r;
        if (!retry(r, until, wait)) return -1;
    }
}

void TlsSession::close() {
    if (!m_broken) (void)SSL_shutdown(m_ssl);
    ERR_clear_error();
}

}  // namespace hub
