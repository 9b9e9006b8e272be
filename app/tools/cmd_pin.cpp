// kioskctl pin-hash: reads an advisor PIN from standard input and prints its Argon2id hash for
// content/kiosk.json ("advisor": {"pin_hash": ...}). The PIN itself is never stored anywhere.
#include <sodium.h>
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <string>

#include "Commands.h"

namespace tools {

int cmdPinHash(const Args&) {
    if (sodium_init() < 0) {
        std::fprintf(stderr, "kioskctl pin-hash: libsodium could not start\n");
        return 1;
    }
    termios old{};
    const bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;
    if (tty) {
        std::fprintf(stderr, "advisor PIN (4-12 digits): ");
        termios quiet = old;
        quiet.c_lflag &= static_cast<tcflag_t>(~ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    std::string pin;
    std::getline(std::cin, pin);
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSANOW, &old);
        std::fprintf(stderr, "\n");
    }
    bool digits = pin.size() >= 4 && pin.size() <= 12;
    for (char c : pin) digits = digits && c >= '0' && c <= '9';
    if (!digits) {
        sodium_memzero(pin.data(), pin.size());
        std::fprintf(stderr, "kioskctl pin-hash: the PIN must be 4 to 12 digits\n");
        return 2;
    }
    char hash[crypto_pwhash_STRBYTES];
    const int rc = crypto_pwhash_str(hash, pin.c_str(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                     crypto_pwhash_MEMLIMIT_INTERACTIVE);
    sodium_memzero(pin.data(), pin.size());
    if (rc != 0) {
        std::fprintf(stderr, "kioskctl pin-hash: out of memory while hashing\n");
        return 1;
    }
    std::printf("%s\n", hash);
    return 0;
}

}  // namespace tools
