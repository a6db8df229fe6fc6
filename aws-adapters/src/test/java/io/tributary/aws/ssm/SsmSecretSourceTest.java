package io.tributary.aws.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.secret.DatabaseCredentials;
import io.tributary.core.secret.SecretSourceSpec;
import io.tributary.core.secret.SecretUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;
import software.amazon.awssdk.services.ssm.model.GetParameterResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.SsmException;

/** SSM cannot run here: these tests check the requests the source sends, field by field. */
@Tag("fast")
class SsmSecretSourceTest {

  /** Answers GetParameter from a map and records every request. */
  static final class RecordingSsm implements SsmClient {
    final Map<String, String> values;
    final List<GetParameterRequest> requests = new ArrayList<>();

    RecordingSsm(Map<String, String> values) {
      this.values = values;
    }

    @Override
    public GetParameterResponse getParameter(GetParameterRequest request) {
      requests.add(request);
      String value = values.get(request.name());
      if (value == null) {
        throw (SsmException) SsmException.builder().message("Parameter " + request.name() + " not found.")
            .awsErrorDetails(AwsErrorDetails.builder().errorCode("ParameterNotFound").build()).build();
      }
      return GetParameterResponse.builder().parameter(Parameter.builder().name(request.name()).value(value).build())
          .build();
    }

    @Override
    public String serviceName() {
      return "ssm";
    }

    @Override
    public void close() {}
  }

  @Test
  void readsTheSeedsThreeParametersDecrypted() {
    RecordingSsm ssm = new RecordingSsm(Map.of("postgre-jdbcurl", "jdbc:postgresql://aurora:5432/example",
        "postgre-user", "admin", "postgre-psswd", "P@ssw0rd"));

    DatabaseCredentials credentials =
        new SsmSecretSource(ssm, SecretSourceSpec.parse("ssm").arguments()).databaseCredentials();

    assertEquals(new DatabaseCredentials("jdbc:postgresql://aurora:5432/example", "admin", "P@ssw0rd"), credentials);
    assertEquals(List.of("postgre-jdbcurl", "postgre-user", "postgre-psswd"),
        ssm.requests.stream().map(GetParameterRequest::name).toList());
    assertTrue(ssm.requests.stream().allMatch(GetParameterRequest::withDecryption), "SecureStrings are decrypted");
  }

  @Test
  void missingParameterIsNamedWithItsErrorCode() {
    RecordingSsm ssm = new RecordingSsm(Map.of("db-url", "jdbc:postgresql://h/db", "db-user", "u"));

    SecretUnavailableException e = assertThrows(SecretUnavailableException.class,
        () -> new SsmSecretSource(ssm, List.of("db-url", "db-user", "db-password")).databaseCredentials());

    assertEquals("cannot read SSM parameter db-password: ParameterNotFound", e.getMessage());
    assertFalse(e.getMessage().contains("jdbc:postgresql"));
  }
}
