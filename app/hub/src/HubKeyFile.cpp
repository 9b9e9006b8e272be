#include "hub/HubKeyFile.h"

#include <sys/stat.h>

#include <cstdio>
#include <fstream>
#include <stdexcept>

#include "store/Crypto.h"
#include "store/KioskConfig.h"

namespace hub {

std::string loadOrCreateHubKey(const std::string& file, bool& created, const std::string& what) {
    created = false;
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0) {
        const std::string hex = store::SecretKey::generate().hex();
        store::writeNewPrivateFile(file, hex + "\n");
        created = true;
        return hex;
    }
    if ((st.st_mode & 077) != 0) {
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
        throw std::runtime_error("key file " + file + ": mode " + mode +
                                 " lets other users read " + what + "; chmod 600 it");
    }
    std::ifstream in(file);
    std::string hex;
    if (!in || !std::getline(in, hex)) throw std::runtime_error("key file " + file + ": cannot read");
    while (!hex.empty() && (hex.back() == '\r' || hex.back() == ' ')) hex.pop_back();
    if (hex.size() != 64 || hex.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos)
        throw std::runtime_error("key file " + file + ": expected 64 hexadecimal digits on its first line");
    return hex;
}

}  // namespace hub
