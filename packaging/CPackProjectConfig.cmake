# Read by cpack when it runs, after any -D on its command line: Depends that name the exact
# revision of showroom-content built with them.
set(KIOSK_CONTENT_EXACT "showroom-content (= ${CPACK_PACKAGE_VERSION}-${CPACK_DEBIAN_PACKAGE_RELEASE})")
# The kiosk session is cage (the Wayland kiosk compositor) with Xwayland for the GLFW window; the
# maintainer scripts use systemd's sysusers and tmpfiles.
set(CPACK_DEBIAN_KIOSK_PACKAGE_DEPENDS "${KIOSK_CONTENT_EXACT}, cage, xwayland, systemd, tzdata")
set(CPACK_DEBIAN_HUB_PACKAGE_DEPENDS "${KIOSK_CONTENT_EXACT}, systemd, tzdata")

# changelog.Debian.gz for the revision being packed (installed by the install rules that run next).
set(KIOSK_DEB_VERSION "${CPACK_PACKAGE_VERSION}-${CPACK_DEBIAN_PACKAGE_RELEASE}")
execute_process(COMMAND date -R OUTPUT_VARIABLE KIOSK_DEB_DATE OUTPUT_STRIP_TRAILING_WHITESPACE)
get_filename_component(kiosk_changelog_dir "${CPACK_KIOSK_CHANGELOG}" DIRECTORY)
string(REGEX REPLACE "\\.gz$" "" kiosk_changelog "${CPACK_KIOSK_CHANGELOG}")
configure_file("${CPACK_KIOSK_CHANGELOG_IN}" "${kiosk_changelog}" @ONLY)
execute_process(COMMAND gzip -9nf "${kiosk_changelog}" RESULT_VARIABLE kiosk_gzip)
if(NOT kiosk_gzip EQUAL 0)
  message(FATAL_ERROR "cannot compress ${kiosk_changelog}")
endif()
