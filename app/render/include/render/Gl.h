#pragma once
// Move-only RAII owners of OpenGL objects: the constructor creates, the destructor deletes.
// A raw GLuint lives only inside these. Construct and destroy them on the thread that owns
// the GL context (the render thread), with that context current. `gl::NoCreate` gives an empty
// object (id 0, no GL call), for members declared before their context exists: assign a created
// one later, as Magnum's NoCreate does.
#include <epoxy/gl.h>

#include <utility>

namespace render::gl {

struct NoCreateT {
    explicit constexpr NoCreateT() = default;
};
inline constexpr NoCreateT NoCreate{};

template <typename Traits>
class Object {
public:
    Object() { m_id = Traits::create(); }
    explicit Object(NoCreateT) noexcept {}
    explicit Object(GLuint adopt) : m_id(adopt) {}
    ~Object() { if (m_id) Traits::destroy(m_id); }
    Object(Object&& o) noexcept : m_id(std::exchange(o.m_id, 0)) {}
    Object& operator=(Object&& o) noexcept {
        if (this != &o) {
            if (m_id) Traits::destroy(m_id);
            m_id = std::exchange(o.m_id, 0);
        }
        return *this;
    }
    Object(const Object&) = delete;
    Object& operator=(const Object&) = delete;

    GLuint id() const { return m_id; }
    explicit operator bool() const { return m_id != 0; }

private:
    GLuint m_id = 0;
};

struct BufferTraits {
    static GLuint create() { GLuint id = 0; glGenBuffers(1, &id); return id; }
    static void destroy(GLuint id) { glDeleteBuffers(1, &id); }
};
struct VertexArrayTraits {
    static GLuint create() { GLuint id = 0; glGenVertexArrays(1, &id); return id; }
    static void destroy(GLuint id) { glDeleteVertexArrays(1, &id); }
};
struct TextureTraits {
    static GLuint create() { GLuint id = 0; glGenTextures(1, &id); return id; }
    static void destroy(GLuint id) { glDeleteTextures(1, &id); }
};
struct FramebufferTraits {
    static GLuint create() { GLuint id = 0; glGenFramebuffers(1, &id); return id; }
    static void destroy(GLuint id) { glDeleteFramebuffers(1, &id); }
};
struct RenderbufferTraits {
    static GLuint create() { GLuint id = 0; glGenRenderbuffers(1, &id); return id; }
    static void destroy(GLuint id) { glDeleteRenderbuffers(1, &id); }
};
struct ShaderTraits {  // shaders are created by type; see Shader below
    static GLuint create() { return 0; }
    static void destroy(GLuint id) { glDeleteShader(id); }
};
struct ProgramTraits {
    static GLuint create() { return glCreateProgram(); }
    static void destroy(GLuint id) { glDeleteProgram(id); }
};

using Buffer = Object<BufferTraits>;
using VertexArray = Object<VertexArrayTraits>;
using Texture = Object<TextureTraits>;
using Framebuffer = Object<FramebufferTraits>;
using Renderbuffer = Object<RenderbufferTraits>;
using Shader = Object<ShaderTraits>;
using Program = Object<ProgramTraits>;

// Sampling state of the texture bound to `target` on the active unit: filters and one wrap mode
// for every axis.
inline void setSampling(GLenum target, GLint minFilter, GLint magFilter, GLint wrap) {
    glTexParameteri(target, GL_TEXTURE_MIN_FILTER, minFilter);
    glTexParameteri(target, GL_TEXTURE_MAG_FILTER, magFilter);
    glTexParameteri(target, GL_TEXTURE_WRAP_S, wrap);
    glTexParameteri(target, GL_TEXTURE_WRAP_T, wrap);
    if (target == GL_TEXTURE_CUBE_MAP) glTexParameteri(target, GL_TEXTURE_WRAP_R, wrap);
}

}  // namespace render::gl
