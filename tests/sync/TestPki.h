#pragma once
// TestPki: a private certificate authority made at test time with the openssl command line, in a
// temporary folder (nothing committed): the showroom's CA, a hub certificate it signs for
// 127.0.0.1/localhost, one it signs for another host name, a self-signed hub certificate and an
// unrelated CA. Throws when openssl fails; available() is false without the openssl command.
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "store/StoreTestSupport.h"
#include "support/Process.h"

namespace testing_pki {

class TestPki {
public:
    TestPki() : m_dir("pki") {
        makeCa("showroom-ca");
        makeCa("other-ca");
        makeLeaf("hub", "showroom-ca", "subjectAltName=IP:127.0.0.1,DNS:localhost");
        makeLeaf("wrong-host", "showroom-ca", "subjectAltName=DNS:hub.elsewhere.example");
        openssl({"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30", "-subj", "/CN=127.0.0.1", "-addext",
                 "subjectAltName=IP:127.0.0.1", "-keyout", key("self-signed"), "-out", cert("self-signed")});
    }
    static bool available() { return std::filesystem::exists(kOpenssl); }
    std::string cert(const std::string& name) const { return m_dir.file(name + ".crt"); }
    std::string key(const std::string& name) const { return m_dir.file(name + ".key"); }
    const std::string& dir() const { return m_dir.path(); }

private:
    static constexpr const char* kOpenssl = "/usr/bin/openssl";
    static void openssl(std::vector<std::string> args) {
        args.insert(args.begin(), kOpenssl);
        const auto r = testing_process::run(args);
        if (r.exitCode != 0) throw std::runtime_error("openssl " + args[1] + " failed: " + r.err);
    }
    void makeCa(const std::string& name) {
        openssl({"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30", "-subj", "/CN=" + name, "-addext",
                 "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign", "-keyout",
                 key(name), "-out", cert(name)});
    }
    void makeLeaf(const std::string& name, const std::string& ca, const std::string& san) {
        openssl({"req", "-new", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + name, "-keyout", key(name), "-out",
                 m_dir.file(name + ".csr")});
        const std::string ext = m_dir.file(name + ".ext");
        std::ofstream(ext) << san << "\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n";
        openssl({"x509", "-req", "-in", m_dir.file(name + ".csr"), "-CA", cert(ca), "-CAkey", key(ca), "-CAcreateserial",
                 "-days", "30", "-extfile", ext, "-out", cert(name)});
    }
    testing_store::TempDir m_dir;
};

}  // namespace testing_pki
