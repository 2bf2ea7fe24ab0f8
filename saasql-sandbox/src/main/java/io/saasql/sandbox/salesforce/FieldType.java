package io.saasql.sandbox.salesforce;

/**
 * The field types of the describe call ({@code fields[].type}), with the SOAP type describe
 * reports and the kind of value SOQL compares them as.
 */
enum FieldType {
  ID("id", "tns:ID", Kind.ID),
  STRING("string", "xsd:string", Kind.TEXT),
  BOOLEAN("boolean", "xsd:boolean", Kind.BOOLEAN),
  INT("int", "xsd:int", Kind.NUMBER),
  DOUBLE("double", "xsd:double", Kind.NUMBER),
  CURRENCY("currency", "xsd:double", Kind.NUMBER),
  PERCENT("percent", "xsd:double", Kind.NUMBER),
  DATE("date", "xsd:date", Kind.DATE),
  DATETIME("datetime", "xsd:dateTime", Kind.DATETIME),
  TIME("time", "xsd:time", Kind.TIME),
  PICKLIST("picklist", "xsd:string", Kind.TEXT),
  MULTIPICKLIST("multipicklist", "xsd:string", Kind.MULTI),
  REFERENCE("reference", "tns:ID", Kind.ID),
  TEXTAREA("textarea", "xsd:string", Kind.TEXT),
  PHONE("phone", "xsd:string", Kind.TEXT),
  URL("url", "xsd:string", Kind.TEXT),
  EMAIL("email", "xsd:string", Kind.TEXT);

  /** How SOQL compares values of a type. */
  enum Kind {
    ID("id"),
    TEXT("string"),
    MULTI("string"),
    BOOLEAN("boolean"),
    NUMBER("double"),
    DATE("date"),
    DATETIME("dateTime"),
    TIME("time");

    /** The type name in Salesforce's "must be of type …" messages. */
    final String messageName;

    Kind(String messageName) {
      this.messageName = messageName;
    }
  }

  final String apiName;
  final String soapType;
  final Kind kind;

  FieldType(String apiName, String soapType, Kind kind) {
    this.apiName = apiName;
    this.soapType = soapType;
    this.kind = kind;
  }
}
