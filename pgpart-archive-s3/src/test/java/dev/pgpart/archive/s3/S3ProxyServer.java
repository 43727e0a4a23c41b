package dev.pgpart.archive.s3;

import java.net.URI;
import java.util.List;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.junit.S3ProxyJunitCore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** A real S3 API (S3Proxy over an in-memory blob store) on a free local port, with SigV4 credentials. */
final class S3ProxyServer implements AutoCloseable {
    static final String ACCESS_KEY = "pgpart-test-access";
    static final String SECRET_KEY = "pgpart-test-secret";

    private final S3ProxyJunitCore proxy;
    private final S3Client admin;

    private S3ProxyServer(S3ProxyJunitCore proxy, S3Client admin) {
        this.proxy = proxy;
        this.admin = admin;
    }

    static S3ProxyServer start(String bucket) throws Exception {
        S3ProxyJunitCore proxy = new S3ProxyJunitCore.Builder().withBlobStoreProvider("transient")
                .withCredentials(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        proxy.beforeEach(); // starts it and returns once it accepts connections
        S3Client admin = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .endpointOverride(proxy.getUri()).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
        admin.createBucket(r -> r.bucket(bucket));
        return new S3ProxyServer(proxy, admin);
    }

    String endpoint() {
        URI u = proxy.getUri();
        return u.getScheme() + "://" + u.getHost() + ":" + u.getPort();
    }

    List<String> keys(String bucket) {
        return admin.listObjectsV2Paginator(r -> r.bucket(bucket)).contents().stream().map(S3Object::key).toList();
    }

    void overwrite(String bucket, String key, byte[] bytes) {
        admin.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
    }

    @Override
    public void close() {
        admin.close();
        proxy.afterEach();
    }
}
