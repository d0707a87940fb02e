#include "checksum.hpp"

#include <openssl/evp.h>

#include <stdexcept>

namespace embedded_migrations::generator {

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_size = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &digest_size, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("OpenSSL could not compute a SHA-256 digest");
  }
  constexpr char hex[] = "0123456789abcdef";
  std::string text;
  text.reserve(2 * digest_size);
  for (unsigned int i = 0; i < digest_size; ++i) {
    text.push_back(hex[digest[i] >> 4]);
    text.push_back(hex[digest[i] & 0x0F]);
  }
  return text;
}

}  // namespace embedded_migrations::generator
