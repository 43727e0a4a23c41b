package dev.pgpart.archive;

/** What the exporter needs to cut parts at record boundaries: where records end, and how many there were. */
interface Records {
    void update(byte[] b, int off, int len);

    boolean atRecordBoundary();

    long rows();

    /**
     * Only finds the ends of COPY's CSV records, without decoding them: a newline outside double
     * quotes ends one (CSV quotes every value holding a newline, and a doubled quote inside a
     * quoted value toggles twice). Used when PostgreSQL computes the checksum of the table during
     * the export, so the export itself does not have to.
     */
    final class Boundaries implements Records {
        private boolean quoted;
        private boolean inRecord;
        private long rows;

        @Override
        public void update(byte[] b, int off, int len) {
            int end = off + len;
            boolean q = quoted;
            long n = rows;
            for (int i = off; i < end; i++) {
                byte x = b[i];
                if (x == '"') {
                    q = !q;
                } else if (x == '\n' && !q) {
                    n++;
                }
            }
            quoted = q;
            rows = n;
            if (len > 0) {
                inRecord = q || b[end - 1] != '\n';
            }
        }

        @Override
        public boolean atRecordBoundary() {
            return !inRecord;
        }

        @Override
        public long rows() {
            return rows;
        }
    }
}
