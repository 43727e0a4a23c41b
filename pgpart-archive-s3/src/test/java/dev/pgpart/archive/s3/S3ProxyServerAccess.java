package dev.pgpart.archive.s3;

import java.util.List;

/** The test S3 server for tests of other packages. */
public final class S3ProxyServerAccess {
    private S3ProxyServerAccess() {
    }

    public static Server start(String bucket) throws Exception {
        return new Server(S3ProxyServer.start(bucket));
    }

    public static final class Server implements AutoCloseable {
        private final S3ProxyServer s;

        Server(S3ProxyServer s) {
            this.s = s;
        }

        public String endpoint() {
            return s.endpoint();
        }

        public List<String> keys(String bucket) {
            return s.keys(bucket);
        }

        public void overwrite(String bucket, String key, byte[] bytes) {
            s.overwrite(bucket, key, bytes);
        }

        @Override
        public void close() {
            s.close();
        }
    }
}
