# SPDX-License-Identifier: MIT
# Address + undefined-behaviour sanitizers for every target when KEYSTONE_SANITIZE is on.
if(KEYSTONE_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
