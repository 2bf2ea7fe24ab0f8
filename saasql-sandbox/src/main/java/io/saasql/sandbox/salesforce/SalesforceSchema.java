package io.saasql.sandbox.salesforce;

import static io.saasql.sandbox.salesforce.SObjectField.builder;

import java.util.ArrayList;
import java.util.List;

/**
 * The sObjects and fields of the sandbox org: Account, Contact, Opportunity, User, the custom
 * object Invoice__c, and three objects that are listed by describe but not queryable.
 */
final class SalesforceSchema {
  private SalesforceSchema() {}

  static final String[] ACCOUNT_TYPES = {
    "Prospect", "Customer - Direct", "Customer - Channel", "Channel Partner / Reseller",
    "Installation Partner", "Technology Partner", "Other"
  };
  static final String[] INDUSTRIES = {
    "Agriculture", "Apparel", "Banking", "Biotechnology", "Chemicals", "Communications",
    "Construction", "Consulting", "Education", "Electronics", "Energy", "Engineering",
    "Entertainment", "Environmental", "Finance", "Food & Beverage", "Government", "Healthcare",
    "Hospitality", "Insurance", "Machinery", "Manufacturing", "Media", "Not For Profit",
    "Recreation", "Retail", "Shipping", "Technology", "Telecommunications", "Transportation",
    "Utilities", "Other"
  };
  static final String[] RATINGS = {"Hot", "Warm", "Cold"};
  static final String[] LEAD_SOURCES = {
    "Web", "Phone Inquiry", "Partner Referral", "Purchased List", "Other"
  };
  /** Stage name and its default probability. */
  static final String[][] STAGES = {
    {"Prospecting", "10"}, {"Qualification", "10"}, {"Needs Analysis", "20"},
    {"Value Proposition", "50"}, {"Id. Decision Makers", "60"}, {"Perception Analysis", "70"},
    {"Proposal/Price Quote", "75"}, {"Negotiation/Review", "90"}, {"Closed Won", "100"},
    {"Closed Lost", "0"}
  };
  static final String[] OPPORTUNITY_TYPES = {
    "New Customer", "Existing Customer - Upgrade", "Existing Customer - Replacement",
    "Existing Customer - Downgrade"
  };
  static final String[] INVOICE_STATUSES = {"Draft", "Sent", "Paid", "Overdue", "Void"};
  static final String[] PAYMENT_METHODS = {"Card", "Bank Transfer", "Direct Debit", "Cheque"};

  static List<SObjectType> create() {
    List<SObjectType> types = new ArrayList<>();
    types.add(account());
    types.add(contact());
    types.add(opportunity());
    types.add(user());
    types.add(invoice());
    types.add(notQueryable("AggregateResult", "Aggregate Result", "Aggregate Result", null));
    types.add(notQueryable("ActivityHistory", "Activity History", "Activity Histories", null));
    types.add(notQueryable("NoteAndAttachment", "Note and Attachment", "Notes and Attachments", null));
    return types;
  }

  private static SObjectType account() {
    List<SObjectField> f = new ArrayList<>();
    f.add(id());
    f.add(isDeleted());
    f.add(builder("Name", "Account Name", FieldType.STRING).length(255).required().nameField().idLookup().build());
    f.add(builder("Type", "Account Type", FieldType.PICKLIST).length(255).picklist(ACCOUNT_TYPES).build());
    f.add(builder("BillingCity", "Billing City", FieldType.STRING).length(40).build());
    f.add(builder("BillingCountry", "Billing Country", FieldType.STRING).length(80).build());
    f.add(builder("Phone", "Account Phone", FieldType.PHONE).length(40).build());
    f.add(builder("Website", "Website", FieldType.URL).length(255).build());
    f.add(builder("Industry", "Industry", FieldType.PICKLIST).length(255).picklist(INDUSTRIES).build());
    f.add(builder("AnnualRevenue", "Annual Revenue", FieldType.CURRENCY).number(18, 0).build());
    f.add(builder("NumberOfEmployees", "Employees", FieldType.INT).digits(8).build());
    f.add(builder("Rating", "Account Rating", FieldType.PICKLIST).length(255).picklist(RATINGS).build());
    f.add(builder("Description", "Account Description", FieldType.TEXTAREA).length(32000).longText().build());
    f.add(owner());
    f.add(builder("Backlog_Project_Id__c", "Backlog Project Id", FieldType.DOUBLE).number(18, 0).build());
    f.addAll(timestamps());
    return new SObjectType("Account", "Account", "Accounts", "001", true, true, f);
  }

  private static SObjectType contact() {
    List<SObjectField> f = new ArrayList<>();
    f.add(id());
    f.add(isDeleted());
    f.add(builder("AccountId", "Account ID", FieldType.REFERENCE).reference("Account", "Account").build());
    f.add(builder("LastName", "Last Name", FieldType.STRING).length(80).required().build());
    f.add(builder("FirstName", "First Name", FieldType.STRING).length(40).build());
    f.add(builder("Name", "Full Name", FieldType.STRING).length(121).nameField().readOnly().build());
    f.add(builder("Title", "Title", FieldType.STRING).length(128).build());
    f.add(builder("MailingCountry", "Mailing Country", FieldType.STRING).length(80).build());
    f.add(builder("Phone", "Business Phone", FieldType.PHONE).length(40).build());
    f.add(builder("Email", "Email", FieldType.EMAIL).length(80).idLookup().build());
    f.add(builder("LeadSource", "Lead Source", FieldType.PICKLIST).length(255).picklist(LEAD_SOURCES).build());
    f.add(builder("Birthdate", "Birthdate", FieldType.DATE).build());
    f.add(builder("HasOptedOutOfEmail", "Email Opt Out", FieldType.BOOLEAN).build());
    f.add(owner());
    f.addAll(timestamps());
    return new SObjectType("Contact", "Contact", "Contacts", "003", true, true, f);
  }

  private static SObjectType opportunity() {
    List<SObjectField> f = new ArrayList<>();
    f.add(id());
    f.add(isDeleted());
    f.add(builder("AccountId", "Account ID", FieldType.REFERENCE).reference("Account", "Account").build());
    f.add(builder("Name", "Name", FieldType.STRING).length(120).required().nameField().build());
    f.add(builder("StageName", "Stage", FieldType.PICKLIST).length(255).required().picklist(stageNames()).build());
    f.add(builder("Amount", "Amount", FieldType.CURRENCY).number(18, 2).build());
    f.add(builder("Probability", "Probability (%)", FieldType.PERCENT).number(3, 0).build());
    f.add(builder("CloseDate", "Close Date", FieldType.DATE).required().build());
    f.add(builder("Type", "Opportunity Type", FieldType.PICKLIST).length(255).picklist(OPPORTUNITY_TYPES).build());
    f.add(builder("LeadSource", "Lead Source", FieldType.PICKLIST).length(255).picklist(LEAD_SOURCES).build());
    f.add(builder("IsClosed", "Closed", FieldType.BOOLEAN).readOnly().build());
    f.add(builder("IsWon", "Won", FieldType.BOOLEAN).readOnly().build());
    f.add(owner());
    f.addAll(timestamps());
    return new SObjectType("Opportunity", "Opportunity", "Opportunities", "006", true, true, f);
  }

  private static SObjectType user() {
    List<SObjectField> f = new ArrayList<>();
    f.add(id());
    f.add(builder("Username", "Username", FieldType.STRING).length(80).required().unique().build());
    f.add(builder("LastName", "Last Name", FieldType.STRING).length(80).required().build());
    f.add(builder("FirstName", "First Name", FieldType.STRING).length(40).build());
    f.add(builder("Name", "Full Name", FieldType.STRING).length(121).nameField().readOnly().build());
    f.add(builder("Alias", "Alias", FieldType.STRING).length(8).required().build());
    f.add(builder("Email", "Email", FieldType.EMAIL).length(128).required().build());
    f.add(builder("Title", "Title", FieldType.STRING).length(80).build());
    f.add(builder("IsActive", "Active", FieldType.BOOLEAN).build());
    f.addAll(timestamps());
    return new SObjectType("User", "User", "Users", "005", true, false, f);
  }

  private static SObjectType invoice() {
    List<SObjectField> f = new ArrayList<>();
    f.add(id());
    f.add(owner());
    f.add(isDeleted());
    f.add(builder("Name", "Invoice Number", FieldType.STRING).length(80).nameField().autoNumber().build());
    f.add(builder("Account__c", "Account", FieldType.REFERENCE).reference("Account", "Account__r").build());
    f.add(builder("Amount__c", "Amount", FieldType.CURRENCY).number(16, 2).build());
    f.add(builder("Status__c", "Status", FieldType.PICKLIST).length(255).picklist(INVOICE_STATUSES).build());
    f.add(builder("Due_Date__c", "Due Date", FieldType.DATE).build());
    f.add(builder("Paid__c", "Paid", FieldType.BOOLEAN).build());
    f.add(builder("Payment_Methods__c", "Payment Methods", FieldType.MULTIPICKLIST).length(4099)
        .picklist(PAYMENT_METHODS).notSortable().build());
    f.add(builder("Reminder_Time__c", "Reminder Time", FieldType.TIME).build());
    f.addAll(timestamps());
    return new SObjectType("Invoice__c", "Invoice", "Invoices", "a0X", true, true, f);
  }

  private static SObjectType notQueryable(String name, String label, String plural, String prefix) {
    return new SObjectType(name, label, plural, prefix, false, false, List.of(id()));
  }

  private static SObjectField id() {
    return builder("Id", "Record ID", FieldType.ID).system().idLookup().build();
  }

  private static SObjectField isDeleted() {
    return builder("IsDeleted", "Deleted", FieldType.BOOLEAN).system().build();
  }

  private static SObjectField owner() {
    return builder("OwnerId", "Owner ID", FieldType.REFERENCE).required().defaulted()
        .reference("User", "Owner").build();
  }

  private static List<SObjectField> timestamps() {
    return List.of(
        builder("CreatedDate", "Created Date", FieldType.DATETIME).system().build(),
        builder("LastModifiedDate", "Last Modified Date", FieldType.DATETIME).system().build(),
        builder("SystemModstamp", "System Modstamp", FieldType.DATETIME).system().build());
  }

  private static String[] stageNames() {
    String[] names = new String[STAGES.length];
    for (int i = 0; i < STAGES.length; i++) {
      names[i] = STAGES[i][0];
    }
    return names;
  }
}
