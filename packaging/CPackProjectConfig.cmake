# Read by cpack when it runs, after any -D on its command line: Depends that name the exact
# revision of showroom-content built with them.
set(KIOSK_CONTENT_EXACT "showroom-content (= ${CPACK_PACKAGE_VERSION}-${CPACK_DEBIAN_PACKAGE_RELEASE})")
# The kiosk session is cage (the Wayland kiosk compositor) with Xwayland for the GLFW window; the
# maintainer scripts use systemd's sysusers and tmpfiles.
set(CPACK_DEBIAN_KIOSK_PACKAGE_DEPENDS "${KIOSK_CONTENT_EXACT}, cage, xwayland, systemd")
set(CPACK_DEBIAN_HUB_PACKAGE_DEPENDS "${KIOSK_CONTENT_EXACT}, systemd")
