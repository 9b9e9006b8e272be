#pragma once
// Runs a program to completion with its stdout and stderr captured; for tests that drive
// the executables as a user would. POSIX only.
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace testing_process {

struct Result {
    int exitCode = -1;
    std::string out;
    std::string err;
};

inline std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// `env` entries are "NAME=value" added to the child's environment.
inline Result run(const std::vector<std::string>& argv, const std::vector<std::string>& env = {}) {
    char outName[] = "/tmp/kiosk-test-out-XXXXXX";
    char errName[] = "/tmp/kiosk-test-err-XXXXXX";
    const int outFd = mkstemp(outName);
    const int errFd = mkstemp(errName);
    Result r;
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(outFd, 1);
        dup2(errFd, 2);
        for (const auto& e : env) putenv(const_cast<char*>(e.c_str()));
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        execv(args[0], args.data());
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    close(outFd);
    close(errFd);
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = slurp(outName);
    r.err = slurp(errName);
    std::remove(outName);
    std::remove(errName);
    return r;
}

}  // namespace testing_process
