# What a production install needs besides the programs and their data: the
# systemd units, the pool list and its runner, the config maker, the web
# server configs and the operations guide. These files name the Debian
# locations (/usr/lib/ktk, /usr/share/ktk, /etc/ktk …); for another prefix
# they are installed with those paths rewritten, so an installed tree never
# points back into the source or build tree.

# Relative to the prefix unless absolute (Debian: /lib/systemd/system), so a
# build configured again with another prefix never keeps the old place.
set(KTK_SYSTEMD_UNITDIR "lib/systemd/system"
    CACHE STRING "Where the systemd units are installed, relative to the prefix or absolute")
set(KTK_LIBEXECDIR_FULL "${CMAKE_INSTALL_PREFIX}/${KTK_LIBEXECDIR}")
set(KTK_DOCDIR "${CMAKE_INSTALL_FULL_DOCDIR}")

# ktk_install_text(SOURCE DESTINATION [RENAME NAME] [PROGRAM]) — installs a
# text file with the Debian paths replaced by this install's.
function(ktk_install_text source destination)
  cmake_parse_arguments(arg "PROGRAM" "RENAME" "" ${ARGN})
  get_filename_component(name ${source} NAME)
  if(arg_RENAME)
    set(name ${arg_RENAME})
  endif()
  set(out ${CMAKE_BINARY_DIR}/install-files/${destination}/${name})
  file(READ ${CMAKE_SOURCE_DIR}/${source} text)
  # Longest first: /usr/share/doc/ktk must not turn into <datadir>/doc/ktk.
  string(REPLACE "/usr/share/doc/ktk" "@KTK_DOCDIR@" text "${text}")
  string(REPLACE "/usr/share/ktk" "${KTK_DATADIR}" text "${text}")
  string(REPLACE "/usr/lib/ktk" "${KTK_LIBEXECDIR_FULL}" text "${text}")
  string(REPLACE "/etc/ktk" "${KTK_SYSCONFDIR}" text "${text}")
  string(REPLACE "@KTK_DOCDIR@" "${KTK_DOCDIR}" text "${text}")
  string(REPLACE "@KTK_DATADIR@" "${KTK_DATADIR}" text "${text}")
  string(REPLACE "@KTK_LIBEXECDIR_FULL@" "${KTK_LIBEXECDIR_FULL}" text "${text}")
  string(REPLACE "@KTK_SYSCONFDIR@" "${KTK_SYSCONFDIR}" text "${text}")
  file(WRITE ${out} "${text}")
  set_property(DIRECTORY ${CMAKE_SOURCE_DIR} APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/${source})
  if(arg_PROGRAM)
    install(PROGRAMS ${out} DESTINATION ${destination})
  else()
    install(FILES ${out} DESTINATION ${destination})
  endif()
endfunction()

set(_share ${CMAKE_INSTALL_DATADIR}/ktk)

# systemd: one template pair for every FastCGI pool, the worker, the target.
foreach(unit ktk-fcgi@.socket ktk-fcgi@.service ktk-mail-worker.service ktk.target)
  ktk_install_text(contrib/systemd/${unit} ${KTK_SYSTEMD_UNITDIR})
endforeach()
ktk_install_text(contrib/systemd/ktk-pool.in ${KTK_LIBEXECDIR} RENAME ktk-pool PROGRAM)
ktk_install_text(contrib/ktk-make-config.in ${KTK_LIBEXECDIR} RENAME ktk-make-config PROGRAM)
ktk_install_text(contrib/pools.list ${_share})

# Web servers: nginx's site and snippets, Apache's site and headers.
install(FILES nginx/fastcgi_params nginx/security_headers.conf nginx/ktk-log.conf DESTINATION ${_share}/nginx)
foreach(file ktk.conf ktk-upstreams.conf ktk-locations.conf)
  ktk_install_text(nginx/${file} ${_share}/nginx)
endforeach()
foreach(file ktk.conf ktk-locations.conf)
  ktk_install_text(contrib/apache/${file} ${_share}/apache)
endforeach()
install(FILES contrib/apache/security_headers.conf contrib/apache/ktk-log.conf DESTINATION ${_share}/apache)

# Documentation and the examples ktk-make-config copies into /etc/ktk.
ktk_install_text(contrib/ktk.conf.example ${CMAKE_INSTALL_DOCDIR})
ktk_install_text(contrib/msmtprc.example ${CMAKE_INSTALL_DOCDIR})
ktk_install_text(contrib/OPERATIONS.md ${CMAKE_INSTALL_DOCDIR})
ktk_install_text(contrib/ktk-admin.8 ${CMAKE_INSTALL_MANDIR}/man8)
