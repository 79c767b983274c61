/* driver.c — replays a fuzz corpus (files or folders given as arguments) through
 * LLVMFuzzerTestOneInput, so targets build and run without libFuzzer (gcc, sanitizer builds). */
#include <glib.h>
#include <stdint.h>
#include <stdio.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static int
replay_file (const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  g_autoptr (GError) error = NULL;
  if (!g_file_get_contents (path, &data, &len, &error))
    {
      fprintf (stderr, "driver: %s\n", error->message);
      return 1;
    }
  LLVMFuzzerTestOneInput ((const uint8_t *) data, len);
  return 0;
}

int
main (int argc, char **argv)
{
  int n = 0, failed = 0;
  for (int i = 1; i < argc; i++)
    {
      if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          g_autoptr (GDir) dir = g_dir_open (argv[i], 0, NULL);
          const char *name;
          while (dir && (name = g_dir_read_name (dir)))
            {
              g_autofree char *path = g_build_filename (argv[i], name, NULL);
              failed += replay_file (path);
              n++;
            }
        }
      else
        {
          failed += replay_file (argv[i]);
          n++;
        }
    }
  printf ("replayed %d inputs\n", n);
  return failed ? 1 : (n > 0 ? 0 : 1);
}
