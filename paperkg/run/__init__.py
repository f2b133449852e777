"""The build run: from notes paths to records (in worker processes, with the record cache) and
on to the store and the output folder, written atomically."""
