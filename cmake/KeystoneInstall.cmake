# SPDX-License-Identifier: MIT
# What `cmake --install` puts where (GNUInstallDirs), and the Debian package CPack makes of it
# (scripts/package). Installed: the two programs, the desktop entry, the icon (SVG and PNG
# sizes rendered at build time), the AppStream metainfo, the MIME type of .keystone files,
# the man pages (gzipped), and the Debian copyright and changelog. Not installed: keystone-bench,
# the tests and the build tools.
include(GNUInstallDirs)

set(KEYSTONE_APP_ID app.keystone.Keystone)
set(KEYSTONE_DATA_OUT ${CMAKE_BINARY_DIR}/install-data)

# Icons: the scalable SVG as it is, and PNGs rendered from it.
set(KEYSTONE_ICON_SIZES 16 24 32 48 64 128 256)
set(KEYSTONE_ICON_PNGS)
foreach(size IN LISTS KEYSTONE_ICON_SIZES)
  list(APPEND KEYSTONE_ICON_PNGS ${KEYSTONE_DATA_OUT}/icons/${size}x${size}/apps/${KEYSTONE_APP_ID}.png)
endforeach()
add_executable(keystone-render-icons ${PROJECT_SOURCE_DIR}/tools/render-icons.cpp)
target_link_libraries(keystone-render-icons PRIVATE Qt6::Gui Qt6::Svg)
set_target_properties(keystone-render-icons PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tools)
keystone_set_warnings(keystone-render-icons)
add_custom_command(OUTPUT ${KEYSTONE_ICON_PNGS}
  COMMAND ${CMAKE_COMMAND} -E env QT_QPA_PLATFORM=offscreen $<TARGET_FILE:keystone-render-icons>
          ${PROJECT_SOURCE_DIR}/resources/keystone.svg ${KEYSTONE_DATA_OUT}/icons ${KEYSTONE_APP_ID} ${KEYSTONE_ICON_SIZES}
  DEPENDS keystone-render-icons ${PROJECT_SOURCE_DIR}/resources/keystone.svg
  COMMENT "Rendering the application icon"
  VERBATIM)

# Man pages and the metainfo carry the version; the man pages are gzipped (-n: no timestamp).
find_program(GZIP_PROGRAM gzip REQUIRED)
set(KEYSTONE_MAN_PAGES)
foreach(page keystone keystone-cli)
  configure_file(${PROJECT_SOURCE_DIR}/resources/man/${page}.1 ${KEYSTONE_DATA_OUT}/man/${page}.1 @ONLY)
  add_custom_command(OUTPUT ${KEYSTONE_DATA_OUT}/man/${page}.1.gz
    COMMAND ${GZIP_PROGRAM} -9 -n -f -k ${KEYSTONE_DATA_OUT}/man/${page}.1
    DEPENDS ${KEYSTONE_DATA_OUT}/man/${page}.1
    VERBATIM)
  list(APPEND KEYSTONE_MAN_PAGES ${KEYSTONE_DATA_OUT}/man/${page}.1.gz)
endforeach()
configure_file(${PROJECT_SOURCE_DIR}/resources/${KEYSTONE_APP_ID}.metainfo.xml ${KEYSTONE_DATA_OUT}/${KEYSTONE_APP_ID}.metainfo.xml @ONLY)
configure_file(${PROJECT_SOURCE_DIR}/resources/debian/changelog ${KEYSTONE_DATA_OUT}/changelog @ONLY)
add_custom_command(OUTPUT ${KEYSTONE_DATA_OUT}/changelog.gz
  COMMAND ${GZIP_PROGRAM} -9 -n -f -k ${KEYSTONE_DATA_OUT}/changelog
  DEPENDS ${KEYSTONE_DATA_OUT}/changelog
  VERBATIM)
add_custom_target(keystone_install_data ALL DEPENDS ${KEYSTONE_ICON_PNGS} ${KEYSTONE_MAN_PAGES} ${KEYSTONE_DATA_OUT}/changelog.gz)

install(TARGETS keystone keystone-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${PROJECT_SOURCE_DIR}/resources/${KEYSTONE_APP_ID}.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${PROJECT_SOURCE_DIR}/resources/keystone.svg DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps
        RENAME ${KEYSTONE_APP_ID}.svg)
install(DIRECTORY ${KEYSTONE_DATA_OUT}/icons/ DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor)
install(FILES ${KEYSTONE_DATA_OUT}/${KEYSTONE_APP_ID}.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${PROJECT_SOURCE_DIR}/resources/${KEYSTONE_APP_ID}.mime.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages
        RENAME ${KEYSTONE_APP_ID}.xml)
install(FILES ${KEYSTONE_MAN_PAGES} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
# (share/doc/keystone, as Debian names it: GNUInstallDirs' DOCDIR follows the project's name.)
install(FILES ${PROJECT_SOURCE_DIR}/resources/debian/copyright ${KEYSTONE_DATA_OUT}/changelog.gz
        DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/keystone)
# The user guide's pictures, for Help > Keystone Help (the text is built into the program).
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/images DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/keystone)

# The Debian package (cpack -G DEB in a build folder; scripts/package does it all).
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME keystone)
set(CPACK_PACKAGE_VENDOR "The Keystone authors")
set(CPACK_PACKAGE_CONTACT "The Keystone authors <keystone@keystone.app>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "account plans for account managers and team leads")
set(CPACK_PACKAGE_DESCRIPTION "Keystone keeps the plans of a book of customer accounts on your
own computer, offline: the customer's priorities, a stakeholder map,
whitespace, risks, actions, a joint success plan and health scores.
Team leads review the whole book (tier grid, health dashboards,
renewals, retention); quarterly business reviews export to PDF; a
team shares one book on a stock PostgreSQL server.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://keystone.app/")
# Depends computed from the programs' shared libraries (dpkg-shlibdeps), not listed by hand;
# the SQLite driver is a Qt plugin the programs load, so dpkg-shlibdeps cannot see it.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "postgresql-client")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
