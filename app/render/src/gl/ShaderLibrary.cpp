#include "render/ShaderLibrary.h"

#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace render {

namespace {

std::string readText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(path + ": cannot read shader file");
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// Expands #include lines, emitting `#line N SOURCE` so the compiler's messages carry a source
// number that maps back to a file name through `files`.
std::string preprocess(const std::string& dir, const std::string& file, std::vector<std::string>& files, int depth = 0) {
    if (depth > 8) throw std::runtime_error(file + ": #include nested too deeply");
    const int source = static_cast<int>(files.size());
    files.push_back(file);
    std::istringstream in(readText(dir + "/" + file));
    std::ostringstream out;
    std::string line;
    int number = 0;
    static const std::regex include(R"(^\s*#include\s+"([^"]+)\"\s*$)");
    while (std::getline(in, line)) {
        ++number;
        std::smatch m;
        if (std::regex_match(line, m, include)) {
            out << preprocess(dir, m[1].str(), files, depth + 1);
            out << "#line " << number + 1 << " " << source << "\n";
        } else {
            out << line << "\n";
            if (line.rfind("#version", 0) == 0) out << "#line " << number + 1 << " " << source << "\n";
        }
    }
    return out.str();
}

// Mesa and most drivers write "SOURCE:LINE(COL): error: ..."; NVIDIA writes "SOURCE(LINE) : error".
std::string mapLog(const std::string& log, const std::string& dir, const std::vector<std::string>& files) {
    static const std::regex mesa(R"(^(\d+):(\d+)\(\d+\):\s*(.*)$)");
    static const std::regex nvidia(R"(^(\d+)\((\d+)\)\s*:\s*(.*)$)");
    std::istringstream in(log);
    std::ostringstream out;
    std::string line;
    while (std::getline(in, line)) {
        std::smatch m;
        if (std::regex_match(line, m, mesa) || std::regex_match(line, m, nvidia)) {
            const size_t source = std::stoul(m[1].str());
            const std::string file = source < files.size() ? files[source] : "?";
            out << dir << "/" << file << ":" << m[2].str() << ": " << m[3].str() << "\n";
        } else if (!line.empty()) {
            out << line << "\n";
        }
    }
    return out.str();
}

gl::Shader compile(GLenum type, const std::string& dir, const std::string& file) {
    std::vector<std::string> files;
    const std::string text = preprocess(dir, file, files);
    gl::Shader shader(glCreateShader(type));
    const char* src = text.c_str();
    glShaderSource(shader.id(), 1, &src, nullptr);
    glCompileShader(shader.id());
    GLint ok = 0;
    glGetShaderiv(shader.id(), GL_COMPILE_STATUS, &ok);
    if (!ok) {
        GLint length = 0;
        glGetShaderiv(shader.id(), GL_INFO_LOG_LENGTH, &length);
        std::string log(static_cast<size_t>(std::max(length, 1)), '\0');
        glGetShaderInfoLog(shader.id(), length, nullptr, log.data());
        throw std::runtime_error("shader compile failed:\n" + mapLog(log.c_str(), dir, files));
    }
    return shader;
}

}  // namespace

gl::Program ShaderLibrary::load(const std::string& vertexFile, const std::string& fragmentFile) const {
    gl::Shader vs = compile(GL_VERTEX_SHADER, m_dir, vertexFile);
    gl::Shader fs = compile(GL_FRAGMENT_SHADER, m_dir, fragmentFile);
    gl::Program program;
    glAttachShader(program.id(), vs.id());
    glAttachShader(program.id(), fs.id());
    glLinkProgram(program.id());
    GLint ok = 0;
    glGetProgramiv(program.id(), GL_LINK_STATUS, &ok);
    if (!ok) {
        GLint length = 0;
        glGetProgramiv(program.id(), GL_INFO_LOG_LENGTH, &length);
        std::string log(static_cast<size_t>(std::max(length, 1)), '\0');
        glGetProgramInfoLog(program.id(), length, nullptr, log.data());
        throw std::runtime_error(m_dir + "/" + vertexFile + " + " + fragmentFile + ": link failed: " + log.c_str());
    }
    glDetachShader(program.id(), vs.id());
    glDetachShader(program.id(), fs.id());
    return program;
}

GLint uniformLocation(const gl::Program& program, const char* name) { return glGetUniformLocation(program.id(), name); }

}  // namespace render
