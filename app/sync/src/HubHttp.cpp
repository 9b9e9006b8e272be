#include "HubHttp.h"

#include <openssl/x509_vfy.h>

namespace kiosksync {
namespace {

std::string hostOf(const std::string& url) {
    std::string rest = url.substr(url.find("://") == std::string::npos ? 0 : url.find("://") + 3);
    rest = rest.substr(0, rest.find('/'));
    if (!rest.empty() && rest.front() == '[') return rest.substr(1, rest.find(']') - 1);
    return rest.substr(0, rest.rfind(':') == std::string::npos ? rest.size() : rest.rfind(':'));
}

std::string certificateProblem(long verifyResult, const ClientOptions& options) {
    const std::string trusted =
        options.caFile.empty() ? "the system's CA store" : "hub_ca_file " + options.caFile;
    switch (verifyResult) {
    case X509_V_OK:
        return "the hub's certificate does not name the host " + hostOf(options.hubUrl) +
               " of hub_url (certificate refused)";
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
        return "the hub's certificate is self-signed and not in " + trusted + " (certificate refused)";
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
        return "the hub's certificate is not signed by a CA in " + trusted + " (certificate refused)";
    case X509_V_ERR_CERT_HAS_EXPIRED:
        return "the hub's certificate has expired (certificate refused)";
    case X509_V_ERR_CERT_NOT_YET_VALID:
        return "the hub's certificate is not valid yet; check the clocks (certificate refused)";
    default:
        return std::string("the hub's certificate was refused: ") + X509_verify_cert_error_string(verifyResult);
    }
}

}  // namespace

std::unique_ptr<httplib::Client> makeHubClient(const ClientOptions& options) {
    auto client = std::make_unique<httplib::Client>(options.hubUrl);
    const auto split = [](int ms) { return std::pair<time_t, time_t>(ms / 1000, (ms % 1000) * 1000); };
    auto [cs, cus] = split(options.connectTimeoutMs);
    auto [rs, rus] = split(options.readTimeoutMs);
    client->set_connection_timeout(cs, cus);
    client->set_read_timeout(rs, rus);
    client->set_write_timeout(rs, rus);
    client->set_keep_alive(false);
    if (options.hubUrl.rfind("https://", 0) == 0) {
        client->enable_server_certificate_verification(true);
        if (!options.caFile.empty()) client->set_ca_cert_path(options.caFile);
    }
    return client;
}

std::string transportError(const httplib::Result& result, httplib::Client& client, const ClientOptions& options) {
    switch (result.error()) {
    case httplib::Error::SSLServerVerification:
        return "no answer: TLS: " + certificateProblem(client.get_openssl_verify_result(), options);
    case httplib::Error::SSLLoadingCerts:
        return "no answer: TLS: cannot load the CA certificates from " +
               (options.caFile.empty() ? std::string("the system's CA store") : "hub_ca_file " + options.caFile);
    case httplib::Error::SSLConnection:
        return "no answer: TLS: the handshake with " + options.hubUrl + " failed (is the hub serving https?)";
    default:
        return "no answer: " + httplib::to_string(result.error());
    }
}

}  // namespace kiosksync
