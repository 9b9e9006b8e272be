# Install rules and the Debian packages (CPack DEB), one package per component:
#   showroom-kiosk    kiosk, kioskctl, shaders, the kiosk session unit (cage), its user and data folder
#   showroom-content  the default content and car assets under /usr/share/showroom-kiosk (both
#                     machines need the content; only the kiosk needs a display)
#   sales-hub         sales-hub, sales-hub-admin, the hardened service unit, its user and data folder
# scripts/build-packages.sh configures a build for them (KIOSK_RUNTIME_DATA_DIR=/usr/share/showroom-kiosk,
# CMAKE_INSTALL_PREFIX=/usr) and runs cpack; the .deb files land in build-pkg/packages.
set(KIOSK_PACKAGING_DIR ${CMAKE_CURRENT_LIST_DIR})
set(KIOSK_SHARE showroom-kiosk)
# Debian 12 keeps units under /lib (the usr-merge moves stay out of packages until trixie).
set(KIOSK_UNIT_DIR /lib/systemd/system)

# Content and assets: everything under /usr/share/showroom-kiosk except the shaders.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/content/ DESTINATION share/${KIOSK_SHARE}/content COMPONENT content
        PATTERN README.md EXCLUDE)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/assets/ DESTINATION share/${KIOSK_SHARE}/assets COMPONENT content)
# Each package's changelog.Debian.gz is written when cpack runs (CPackProjectConfig.cmake), with
# the revision being packed.
set(CPACK_KIOSK_CHANGELOG ${CMAKE_BINARY_DIR}/packaging/changelog.Debian.gz)
install(FILES ${KIOSK_PACKAGING_DIR}/copyright ${CPACK_KIOSK_CHANGELOG} DESTINATION share/doc/showroom-content COMPONENT content)

if(TARGET kiosk)
  install(TARGETS kiosk RUNTIME DESTINATION bin COMPONENT kiosk)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/shaders/ DESTINATION share/${KIOSK_SHARE}/shaders COMPONENT kiosk)
endif()
if(TARGET kioskctl)
  install(TARGETS kioskctl RUNTIME DESTINATION bin COMPONENT kiosk)
endif()
install(PROGRAMS ${KIOSK_PACKAGING_DIR}/kiosk/kiosk-session ${KIOSK_PACKAGING_DIR}/kiosk/restart-backoff
        DESTINATION lib/showroom-kiosk COMPONENT kiosk)
install(FILES ${KIOSK_PACKAGING_DIR}/kiosk/showroom-kiosk.service DESTINATION ${KIOSK_UNIT_DIR} COMPONENT kiosk)
install(FILES ${KIOSK_PACKAGING_DIR}/kiosk/showroom-kiosk.sysusers DESTINATION lib/sysusers.d
        RENAME showroom-kiosk.conf COMPONENT kiosk)
install(FILES ${KIOSK_PACKAGING_DIR}/kiosk/showroom-kiosk.tmpfiles DESTINATION lib/tmpfiles.d
        RENAME showroom-kiosk.conf COMPONENT kiosk)
install(FILES ${KIOSK_PACKAGING_DIR}/kiosk/kiosk.env DESTINATION /etc/showroom-kiosk
        PERMISSIONS OWNER_READ OWNER_WRITE COMPONENT kiosk)
install(FILES ${KIOSK_PACKAGING_DIR}/kiosk/pam DESTINATION /etc/pam.d RENAME showroom-kiosk COMPONENT kiosk)
install(FILES ${KIOSK_PACKAGING_DIR}/copyright ${CPACK_KIOSK_CHANGELOG} DESTINATION share/doc/showroom-kiosk COMPONENT kiosk)

if(TARGET sales-hub)
  install(TARGETS sales-hub RUNTIME DESTINATION bin COMPONENT hub)
endif()
install(PROGRAMS ${KIOSK_PACKAGING_DIR}/hub/sales-hub-admin DESTINATION sbin COMPONENT hub)
install(FILES ${KIOSK_PACKAGING_DIR}/hub/sales-hub.service DESTINATION ${KIOSK_UNIT_DIR} COMPONENT hub)
install(FILES ${KIOSK_PACKAGING_DIR}/hub/sales-hub.sysusers DESTINATION lib/sysusers.d
        RENAME sales-hub.conf COMPONENT hub)
install(FILES ${KIOSK_PACKAGING_DIR}/hub/sales-hub.tmpfiles DESTINATION lib/tmpfiles.d
        RENAME sales-hub.conf COMPONENT hub)
install(FILES ${KIOSK_PACKAGING_DIR}/hub/sales-hub.env DESTINATION /etc/sales-hub
        PERMISSIONS OWNER_READ OWNER_WRITE COMPONENT hub)
install(FILES ${KIOSK_PACKAGING_DIR}/hub/nginx-sales-hub.conf DESTINATION share/sales-hub COMPONENT hub)
install(FILES ${KIOSK_PACKAGING_DIR}/copyright ${CPACK_KIOSK_CHANGELOG} DESTINATION share/doc/sales-hub COMPONENT hub)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME showroom)
set(CPACK_PACKAGE_VENDOR "Qingyu")
set(CPACK_PACKAGE_CONTACT "Qingyu showroom team <showroom@qingyu.invalid>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_DIRECTORY ${CMAKE_BINARY_DIR}/packages)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL kiosk content hub)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1 CACHE STRING "Debian revision of the packages")
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://qingyu.invalid/showroom")
# Dependencies from the shared libraries the executables actually link (dpkg-shlibdeps).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_DEBIAN_KIOSK_PACKAGE_NAME showroom-kiosk)
set(CPACK_DEBIAN_KIOSK_PACKAGE_SECTION misc)
set(CPACK_COMPONENT_KIOSK_DESCRIPTION "showroom touchscreen kiosk for electric cars
The showroom kiosk shows the brand's cars in 3D, configures one with its
price and range, and books a test drive. This package holds the kiosk, the
kioskctl tool, the shaders and a systemd unit that runs the kiosk full
screen at boot in a cage session as its own user.")
set(CPACK_DEBIAN_KIOSK_PACKAGE_CONTROL_EXTRA
    ${KIOSK_PACKAGING_DIR}/kiosk/postinst ${KIOSK_PACKAGING_DIR}/kiosk/prerm ${KIOSK_PACKAGING_DIR}/kiosk/postrm
    ${KIOSK_PACKAGING_DIR}/kiosk/conffiles)

set(CPACK_DEBIAN_CONTENT_PACKAGE_NAME showroom-content)
set(CPACK_DEBIAN_CONTENT_PACKAGE_ARCHITECTURE all)
set(CPACK_COMPONENT_CONTENT_DESCRIPTION "default content and car models for the showroom kiosk
The catalog, prices, markets, range data, booking rules and strings of
the showroom kiosk, and the car models it draws, under
/usr/share/showroom-kiosk. The kiosk and the sales hub read it.")

set(CPACK_DEBIAN_HUB_PACKAGE_NAME sales-hub)
set(CPACK_DEBIAN_HUB_PACKAGE_SECTION net)
set(CPACK_COMPONENT_HUB_DESCRIPTION "reference sales system for showroom kiosks
The sales hub takes the test-drive bookings of a showroom's kiosks, serves
the advisors' desk and forwards leads to dealer CRMs, on SQLite or
PostgreSQL. This package holds the server, the sales-hub-admin command and
a hardened systemd unit running it as its own user.")
set(CPACK_DEBIAN_HUB_PACKAGE_SUGGESTS "nginx, postgresql")
set(CPACK_DEBIAN_HUB_PACKAGE_CONTROL_EXTRA
    ${KIOSK_PACKAGING_DIR}/hub/postinst ${KIOSK_PACKAGING_DIR}/hub/prerm ${KIOSK_PACKAGING_DIR}/hub/postrm
    ${KIOSK_PACKAGING_DIR}/hub/conffiles)

# Depends naming the exact content version are set when cpack runs (a revision given with
# `cpack -D CPACK_DEBIAN_PACKAGE_RELEASE=N` must reach them).
set(CPACK_PROJECT_CONFIG_FILE ${KIOSK_PACKAGING_DIR}/CPackProjectConfig.cmake)
set(CPACK_KIOSK_CHANGELOG_IN ${KIOSK_PACKAGING_DIR}/changelog.in)
include(CPack)
