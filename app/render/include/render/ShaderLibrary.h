#pragma once
// Loads GLSL programs from the shaders/ folder: NAME.vert + NAME.frag (or a shared vertex
// shader), with `#include "file.glsl"` resolved. Compile and link errors are thrown as one
// message naming the file and line of each error. Render thread only.
#include <string>

#include "render/Gl.h"

namespace render {

class ShaderLibrary {
public:
    explicit ShaderLibrary(std::string directory) : m_dir(std::move(directory)) {}
    const std::string& directory() const { return m_dir; }

    // Throws std::runtime_error with "shaders/pbr.frag:42: error: ..." on failure.
    gl::Program load(const std::string& vertexFile, const std::string& fragmentFile) const;

private:
    std::string m_dir;
};

// A uniform's location, resolved once after linking (never per frame); -1 when the compiler
// removed an unused uniform, which glUniform* then ignores.
GLint uniformLocation(const gl::Program& program, const char* name);

}  // namespace render
