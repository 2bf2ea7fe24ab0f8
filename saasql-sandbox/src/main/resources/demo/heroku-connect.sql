-- Demo data for the embedded Postgres: a Salesforce org mirrored by Heroku Connect.
-- Schema and system columns follow Heroku Connect (schema salesforce, lower-case names, sfid,
-- systemmodstamp, isdeleted, _hc_lastop, _hc_err, _trigger_log, _trigger_log_archive).
-- Rows are fixed literals so that every run, test and README example sees the same data.
-- accounts.backlog_project_id__c links to the Backlog sandbox projects:
--   1 SALES "Sales Pipeline", 2 SUPPORT "Customer Support", 3 INFRA "Infrastructure", 4 LEGACY "Legacy CRM" (archived).

DROP SCHEMA IF EXISTS salesforce CASCADE;
CREATE SCHEMA salesforce;

-- Account, mapped read/write. Heroku Connect has no foreign keys between mapped tables: a contact's
-- accountid holds the account's sfid, and the rows arrive in whatever order the sync delivers them.
CREATE TABLE salesforce.account (
    id                    serial PRIMARY KEY,
    sfid                  varchar(18),
    name                  varchar(255),
    industry              varchar(255),
    type                  varchar(255),
    billingcountry        varchar(80),
    annualrevenue         numeric(18,2),
    numberofemployees     integer,
    ownerid               varchar(18),
    backlog_project_id__c integer,
    bitbucket_repo__c     varchar(100),
    createddate           timestamp,
    systemmodstamp        timestamp,
    isdeleted             boolean,
    _hc_lastop            varchar(32),
    _hc_err               text
);
CREATE UNIQUE INDEX hcu_idx_account_sfid ON salesforce.account (sfid);
CREATE INDEX hc_idx_account_systemmodstamp ON salesforce.account (systemmodstamp);

CREATE TABLE salesforce.contact (
    id                    serial PRIMARY KEY,
    sfid                  varchar(18),
    accountid             varchar(18),
    firstname             varchar(40),
    lastname              varchar(80),
    name                  varchar(121),
    email                 varchar(80),
    title                 varchar(128),
    phone                 varchar(40),
    createddate           timestamp,
    systemmodstamp        timestamp,
    isdeleted             boolean,
    _hc_lastop            varchar(32),
    _hc_err               text
);
CREATE UNIQUE INDEX hcu_idx_contact_sfid ON salesforce.contact (sfid);
CREATE INDEX hc_idx_contact_systemmodstamp ON salesforce.contact (systemmodstamp);
CREATE INDEX hc_idx_contact_accountid ON salesforce.contact (accountid);

-- Writes waiting to go to Salesforce (state NEW, PENDING, FAILED, ...); old and "values" hold the
-- changed fields in hstore text form.
CREATE TABLE salesforce._trigger_log (
    id            serial PRIMARY KEY,
    txid          bigint,
    created_at    timestamp with time zone DEFAULT now(),
    updated_at    timestamp with time zone DEFAULT now(),
    processed_at  timestamp with time zone,
    processed_tx  bigint,
    state         varchar(8),
    action        varchar(7),
    table_name    varchar(128),
    record_id     integer,
    sfid          varchar(18),
    old           text,
    "values"      text,
    sf_result     integer,
    sf_message    text
);
CREATE INDEX _trigger_log_idx_state_id ON salesforce._trigger_log (state, id);

-- Processed writes, moved here from _trigger_log.
CREATE TABLE salesforce._trigger_log_archive (LIKE salesforce._trigger_log INCLUDING DEFAULTS);
CREATE SEQUENCE salesforce._trigger_log_archive_id_seq OWNED BY salesforce._trigger_log_archive.id;
ALTER TABLE salesforce._trigger_log_archive
    ALTER COLUMN id SET DEFAULT nextval('salesforce._trigger_log_archive_id_seq'),
    ADD PRIMARY KEY (id);
CREATE INDEX _trigger_log_archive_idx_state_id ON salesforce._trigger_log_archive (state, id);

INSERT INTO salesforce.account (id, sfid, name, industry, type, billingcountry, annualrevenue, numberofemployees, ownerid,
    backlog_project_id__c, createddate, systemmodstamp, isdeleted, _hc_lastop, _hc_err) VALUES
  (1, '0015g0000000d1MAAQ', 'Acme Corporation', 'Manufacturing', 'Customer - Direct', 'USA', 389107000.00, 2500, '0055g00000000G8AAI', 1, TIMESTAMP '2023-06-02 13:25:00', TIMESTAMP '2024-03-28 03:59:00', false, 'SYNCED', NULL),
  (2, '0015g00000014GXAAY', 'Globex Industries', 'Technology', 'Customer - Direct', 'Japan', 164648000.00, 1200, '0055g00000002JrAAI', NULL, TIMESTAMP '2021-06-14 18:05:00', TIMESTAMP '2021-12-25 08:38:00', false, 'SYNCED', NULL),
  (3, '0015g0000001VViAAM', 'Initech Software', 'Technology', 'Customer - Direct', 'Germany', 288847000.00, 1200, '0055g00000004NaAAI', NULL, TIMESTAMP '2023-08-25 18:42:00', TIMESTAMP '2024-05-13 00:27:00', false, 'SYNCED', NULL),
  (4, '0015g0000001wktAAA', 'Umbrella Health', 'Healthcare', 'Customer - Direct', 'USA', 11456326000.00, 48000, '0055g00000006RJAAY', 1, TIMESTAMP '2022-04-23 13:16:00', TIMESTAMP '2022-06-26 22:04:00', false, 'SYNCED', NULL),
  (5, '0015g0000002O04AAE', 'Stark Energy Systems', 'Energy', 'Prospect', 'Japan', 2446909000.00, 12000, '0055g00000008V2AAI', NULL, TIMESTAMP '2019-06-10 15:18:00', TIMESTAMP '2019-10-21 16:06:00', false, 'SYNCED', NULL),
  (6, '0015g0000002pFFAAY', 'Wayne Logistics', 'Transportation', 'Prospect', 'Australia', 2822129000.00, 12000, '0055g00000000G8AAI', NULL, TIMESTAMP '2021-08-10 09:51:00', TIMESTAMP '2022-06-06 00:00:00', false, 'SYNCED', NULL),
  (7, '0015g0000003GUQAA2', 'Hooli Cloud', 'Technology', 'Customer - Direct', 'Japan', 37407000.00, 320, '0055g00000002JrAAI', 2, TIMESTAMP '2020-07-04 11:20:00', TIMESTAMP '2020-10-27 22:13:00', false, 'SYNCED', NULL),
  (8, '0015g0000003hjbAAA', 'Soylent Foods', 'Food & Beverage', 'Customer - Direct', 'Australia', 114729000.00, 750, '0055g00000004NaAAI', NULL, TIMESTAMP '2019-04-28 16:05:00', TIMESTAMP '2020-03-19 21:03:00', false, 'SYNCED', NULL),
  (9, '0015g00000048ymAAA', 'Cyberdyne Robotics', 'Electronics', 'Customer - Direct', 'Brazil', 31725000.00, 320, '0055g00000006RJAAY', NULL, TIMESTAMP '2020-10-10 16:22:00', TIMESTAMP '2021-11-09 16:41:00', false, 'PENDING', NULL),
  (10, '0015g0000004aDxAAI', 'Tyrell Biotech', 'Biotechnology', 'Customer - Direct', 'Japan', 22208000.00, 150, '0055g00000008V2AAI', NULL, TIMESTAMP '2021-05-05 17:00:00', TIMESTAMP '2022-04-22 02:09:00', false, 'SYNCED', NULL),
  (11, '0015g00000051T8AAI', 'Nakatomi Trading', 'Retail', 'Other', 'Japan', 10592000.00, 45, '0055g00000000G8AAI', NULL, TIMESTAMP '2024-03-18 12:53:00', TIMESTAMP '2024-11-29 08:15:00', false, 'SYNCED', NULL),
  (12, '0015g0000005SiJAAU', 'Oscorp Chemicals', 'Chemicals', 'Other', 'Japan', 10355352000.00, 48000, '0055g00000002JrAAI', NULL, TIMESTAMP '2022-06-26 15:35:00', TIMESTAMP '2023-01-27 23:56:00', false, 'FAILED', '{"op": "UPDATE", "src": "SF", "msg": "FIELD_CUSTOM_VALIDATION_EXCEPTION: Annual revenue must not decrease by more than 50%"}'),
  (13, '0015g0000005txUAAQ', 'Wonka Confectionery', 'Food & Beverage', 'Other', 'Singapore', 134024000.00, 1200, '0055g00000004NaAAI', NULL, TIMESTAMP '2019-05-21 14:36:00', TIMESTAMP '2020-05-13 23:59:00', false, 'SYNCED', NULL),
  (14, '0015g0000006LCfAAM', 'Vandelay Imports', 'Retail', 'Customer - Direct', 'United Kingdom', 150831000.00, 1200, '0055g00000006RJAAY', NULL, TIMESTAMP '2023-02-15 14:51:00', TIMESTAMP '2024-03-10 18:28:00', false, 'SYNCED', NULL),
  (15, '0015g0000006mRqAAI', 'Pied Piper Data', 'Technology', 'Customer - Direct', 'United Kingdom', 678518000.00, 5400, '0055g00000008V2AAI', 1, TIMESTAMP '2022-10-26 12:53:00', TIMESTAMP '2023-05-11 22:58:00', false, 'SYNCED', NULL),
  (16, '0015g0000007Dh1AAE', 'Massive Dynamic', 'Engineering', 'Prospect', 'Canada', 18397000.00, 80, '0055g00000000G8AAI', NULL, TIMESTAMP '2023-06-26 16:54:00', TIMESTAMP '2024-05-10 22:25:00', false, 'SYNCED', NULL),
  (17, '0015g0000007ewCAAQ', 'Gekko & Co. Capital', 'Finance', 'Customer - Direct', 'USA', 114341000.00, 750, '0055g00000002JrAAI', 3, TIMESTAMP '2023-06-30 12:22:00', TIMESTAMP '2023-07-29 02:58:00', false, 'SYNCED', NULL),
  (18, '0015g00000086BNAAY', 'Sterling Cooper Media', 'Media', 'Other', 'United Kingdom', 45025000.00, 320, '0055g00000004NaAAI', NULL, TIMESTAMP '2020-09-14 16:56:00', TIMESTAMP '2021-08-05 18:50:00', false, 'SYNCED', NULL),
  (19, '0015g0000008XQYAA2', 'Dunder Mifflin Paper', 'Manufacturing', 'Channel Partner / Reseller', 'USA', 1561000.00, 12, '0055g00000006RJAAY', NULL, TIMESTAMP '2019-10-06 09:46:00', TIMESTAMP '2019-11-21 11:14:00', false, 'SYNCED', NULL),
  (20, '0015g0000008yfjAAA', 'Aperture Labs', 'Engineering', 'Customer - Direct', 'France', 1066882000.00, 5400, '0055g00000008V2AAI', 2, TIMESTAMP '2019-06-23 12:33:00', TIMESTAMP '2020-05-12 00:02:00', false, 'SYNCED', NULL),
  (21, '0015g0000009PuuAAE', 'Blue Sun Shipping', 'Shipping', 'Customer - Direct', 'France', 194139000.00, 750, '0055g00000000G8AAI', NULL, TIMESTAMP '2022-09-11 14:55:00', TIMESTAMP '2023-03-17 00:00:00', false, 'SYNCED', NULL),
  (22, '0015g0000009rA5AAI', 'Monarch Hotels', 'Hospitality', 'Channel Partner / Reseller', 'France', 7186218000.00, 48000, '0055g00000002JrAAI', NULL, TIMESTAMP '2019-02-11 18:49:00', TIMESTAMP '2019-10-21 20:46:00', false, 'SYNCED', NULL),
  (23, '0015g000000AIPGAA4', 'O''Reilly Freight', 'Transportation', 'Channel Partner / Reseller', 'France', 21508000.00, 150, '0055g00000004NaAAI', NULL, TIMESTAMP '2023-03-13 09:13:00', TIMESTAMP '2023-08-21 14:41:00', true, 'SYNCED', NULL),
  (24, '0015g000000AjeRAAS', 'Black Mesa Research', 'Engineering', 'Technology Partner', 'India', 621806000.00, 5400, '0055g00000006RJAAY', NULL, TIMESTAMP '2023-12-29 10:24:00', TIMESTAMP '2024-02-27 14:20:00', false, 'SYNCED', NULL),
  (25, '0015g000000BAtcAAG', 'Zorg Manufacturing', 'Manufacturing', 'Channel Partner / Reseller', 'USA', 239862000.00, 1200, '0055g00000008V2AAI', NULL, TIMESTAMP '2023-09-18 14:03:00', TIMESTAMP '2024-06-20 19:40:00', false, 'SYNCED', NULL),
  (26, '0015g000000Bc8nAAC', 'Kobayashi Maru Insurance', 'Insurance', 'Customer - Direct', 'Japan', 2127590000.00, 12000, '0055g00000000G8AAI', NULL, TIMESTAMP '2023-02-05 14:22:00', TIMESTAMP '2023-03-06 04:16:00', false, 'SYNCED', NULL),
  (27, '0015g000000C3NyAAK', 'Sirius Telecom', 'Telecommunications', 'Customer - Direct', 'France', 11522000.00, 80, '0055g00000002JrAAI', NULL, TIMESTAMP '2019-07-28 09:36:00', TIMESTAMP '2020-07-20 19:11:00', false, 'SYNCED', NULL),
  (28, '0015g000000CUd9AAG', 'Tanaka Electronics', 'Electronics', 'Customer - Direct', 'Japan', 18889000.00, 80, '0055g00000004NaAAI', 4, TIMESTAMP '2019-08-27 12:09:00', TIMESTAMP '2020-03-13 21:44:00', false, 'SYNCED', NULL),
  (29, '0015g000000CvsKAAS', 'Müller Maschinenbau GmbH', 'Machinery', 'Prospect', 'Germany', 3037244000.00, 12000, '0055g00000006RJAAY', NULL, TIMESTAMP '2021-12-26 14:06:00', TIMESTAMP '2022-04-18 20:25:00', false, 'SYNCED', NULL),
  (30, '0015g000000DN7VAAW', 'Virtucon Consulting', 'Consulting', 'Channel Partner / Reseller', 'USA', 181534000.00, 750, '0055g00000008V2AAI', NULL, TIMESTAMP '2023-04-25 11:51:00', TIMESTAMP '2023-08-29 21:30:00', false, 'SYNCED', NULL),
  (31, '0015g000000DoMgAAK', 'Bluth Construction', 'Construction', 'Channel Partner / Reseller', 'Singapore', 845382000.00, 5400, '0055g00000000G8AAI', NULL, TIMESTAMP '2024-02-24 15:42:00', TIMESTAMP '2024-06-11 20:13:00', false, 'SYNCED', NULL),
  (32, '0015g000000EFbrAAG', 'Prestige Worldwide Events', NULL, 'Other', 'Brazil', NULL, NULL, '0055g00000002JrAAI', NULL, TIMESTAMP '2022-10-30 10:17:00', TIMESTAMP '2023-08-13 15:09:00', false, 'SYNCED', NULL),
  (33, '0015g000000Egr2AAC', 'Los Pollos Hermanos', 'Food & Beverage', 'Technology Partner', 'USA', 361286000.00, 2500, '0055g00000004NaAAI', NULL, TIMESTAMP '2021-11-08 16:04:00', TIMESTAMP '2022-04-14 02:09:00', false, 'SYNCED', NULL),
  (34, '0015g000000F86DAAS', 'Krusty Entertainment', 'Entertainment', 'Other', 'Australia', 25451000.00, 150, '0055g00000006RJAAY', NULL, TIMESTAMP '2022-08-16 13:44:00', TIMESTAMP '2023-04-09 00:43:00', false, 'SYNCED', NULL),
  (35, '0015g000000FZLOAA4', 'Ollivander Retail', 'Retail', 'Technology Partner', 'Germany', 1650551000.00, 12000, '0055g00000008V2AAI', NULL, TIMESTAMP '2023-05-24 10:12:00', TIMESTAMP '2023-08-10 15:28:00', false, 'SYNCED', NULL),
  (36, '0015g000000G0aZAAS', 'Gringotts Banking', 'Banking', 'Customer - Channel', 'Japan', 16684000.00, 80, '0055g00000000G8AAI', NULL, TIMESTAMP '2022-09-24 12:51:00', TIMESTAMP '2023-06-28 14:18:00', false, 'SYNCED', NULL),
  (37, '0015g000000GRpkAAG', 'Nordlicht Utilities', 'Utilities', 'Other', 'Germany', 30701000.00, 150, '0055g00000002JrAAI', NULL, TIMESTAMP '2021-06-17 12:59:00', TIMESTAMP '2022-06-24 13:17:00', false, 'SYNCED', NULL),
  (38, '0015g000000Gt4vAAC', 'Yoyodyne Aerospace', 'Engineering', 'Prospect', 'France', 11956061000.00, 48000, '0055g00000004NaAAI', NULL, TIMESTAMP '2023-12-31 15:44:00', TIMESTAMP '2024-04-23 04:47:00', false, 'SYNCED', NULL),
  (39, '0015g000000HKK6AAO', 'Sakura Agritech', 'Agriculture', 'Customer - Channel', 'Japan', 11961000.00, 80, '0055g00000006RJAAY', NULL, TIMESTAMP '2023-03-09 09:53:00', TIMESTAMP '2024-03-24 17:55:00', false, 'SYNCED', NULL),
  (40, NULL, 'Nimbus Education', 'Education', 'Prospect', 'Japan', 11208147000.00, 48000, '0055g00000008V2AAI', NULL, TIMESTAMP '2020-02-02 14:13:00', TIMESTAMP '2020-03-18 03:56:00', false, 'PENDING', NULL);
SELECT setval('salesforce.account_id_seq', (SELECT max(id) FROM salesforce.account));

INSERT INTO salesforce.contact (id, sfid, accountid, firstname, lastname, name, email, title, phone, createddate,
    systemmodstamp, isdeleted, _hc_lastop, _hc_err) VALUES
  (1, '0035g0000000KDfAAM', '0015g0000000d1MAAQ', 'Hiroshi', 'Takahashi', 'Hiroshi Takahashi', 'hiroshi.takahashi@example.com', 'Head of Procurement', '+1-555-0137', TIMESTAMP '2023-09-02 13:52:00', TIMESTAMP '2023-11-16 21:32:00', false, 'SYNCED', NULL),
  (2, '0035g0000000MEIAA2', '0015g0000000d1MAAQ', 'Amelia', 'Miller', 'Amelia Miller', 'amelia.miller@example.com', 'Software Engineer', '+1-555-0174', TIMESTAMP '2023-08-21 13:35:00', TIMESTAMP '2023-09-23 17:38:00', false, 'SYNCED', NULL),
  (3, '0035g0000000OEvAAM', '0015g0000000d1MAAQ', 'Patricia', 'Thompson', 'Patricia Thompson', 'patricia.thompson@example.com', 'CFO', '+1-555-0211', TIMESTAMP '2024-02-04 18:12:00', TIMESTAMP '2024-04-13 18:30:00', false, 'SYNCED', NULL),
  (4, '0035g0000000QFYAA2', '0015g0000000d1MAAQ', 'Isla', 'Allen', 'Isla Allen', 'isla.allen@example.com', 'Software Engineer', '+1-555-0248', TIMESTAMP '2024-03-12 14:31:00', TIMESTAMP '2024-07-13 23:43:00', false, 'SYNCED', NULL),
  (5, '0035g0000000SGBAA2', '0015g00000014GXAAY', 'Pierre', 'Suzuki', 'Pierre Suzuki', NULL, 'Software Engineer', '+1-555-0285', TIMESTAMP '2021-08-11 20:45:00', TIMESTAMP '2021-12-30 21:26:00', false, 'PENDING', NULL),
  (6, '0035g0000000UGoAAM', '0015g00000014GXAAY', 'Robert', 'Suzuki', 'Robert Suzuki', 'robert.suzuki@example.com', 'CEO', '+1-555-0322', TIMESTAMP '2021-09-08 23:29:00', TIMESTAMP '2022-01-30 04:23:00', false, 'SYNCED', NULL),
  (7, '0035g0000000WHRAA2', '0015g00000014GXAAY', 'Pierre', 'Anderson', 'Pierre Anderson', 'pierre.anderson@example.com', 'IT Director', '+1-555-0359', TIMESTAMP '2021-09-17 20:08:00', TIMESTAMP '2022-01-07 04:42:00', false, 'SYNCED', NULL),
  (8, '0035g0000000YI4AAM', '0015g00000014GXAAY', 'Jessica', 'Schmidt', 'Jessica Schmidt', 'jessica.schmidt@example.com', 'Head of Procurement', '+1-555-0396', TIMESTAMP '2022-03-07 01:00:00', TIMESTAMP '2022-08-05 08:37:00', false, 'SYNCED', NULL),
  (9, '0035g0000000aIhAAI', '0015g0000001VViAAM', 'Karen', 'Thompson', 'Karen Thompson', 'karen.thompson@example.com', NULL, '+1-555-0433', TIMESTAMP '2024-04-29 01:29:00', TIMESTAMP '2024-08-25 05:51:00', false, 'SYNCED', NULL),
  (10, '0035g0000000cJKAAY', '0015g0000001VViAAM', 'Charles', 'Sharma', 'Charles Sharma', NULL, 'IT Director', '+1-555-0470', TIMESTAMP '2024-01-11 00:54:00', TIMESTAMP '2024-02-27 01:13:00', false, 'SYNCED', NULL),
  (11, '0035g0000000eJxAAI', '0015g0000001VViAAM', 'Noah', 'Williams', 'Noah Williams', 'noah.williams@example.com', 'Account Manager', '+1-555-0507', TIMESTAMP '2024-02-08 02:02:00', TIMESTAMP '2024-05-15 10:35:00', false, 'SYNCED', NULL),
  (12, '0035g0000000gKaAAI', '0015g0000001VViAAM', 'Karen', 'Walker', 'Karen Walker', 'karen.walker@example.com', 'VP Engineering', '+1-555-0544', TIMESTAMP '2024-03-09 23:38:00', TIMESTAMP '2024-07-08 02:34:00', false, 'SYNCED', NULL),
  (13, '0035g0000000iLDAAY', '0015g0000001wktAAA', 'Richard', 'O''Brien', 'Richard O''Brien', 'richard.obrien@example.com', 'CTO', '+1-555-0581', TIMESTAMP '2022-09-25 21:24:00', TIMESTAMP '2023-04-04 06:28:00', false, 'SYNCED', NULL),
  (14, '0035g0000000kLqAAI', '0015g0000001wktAAA', 'Sofia', 'Sato', 'Sofia Sato', 'sofia.sato@example.com', 'Account Manager', '+1-555-0618', TIMESTAMP '2022-05-30 15:05:00', TIMESTAMP '2022-11-20 19:06:00', false, 'SYNCED', NULL),
  (15, '0035g0000000mMTAAY', '0015g0000001wktAAA', 'Yuki', 'Martin', 'Yuki Martin', NULL, 'IT Director', '+1-555-0655', TIMESTAMP '2022-07-26 21:22:00', TIMESTAMP '2022-11-19 03:41:00', false, 'SYNCED', NULL),
  (16, '0035g0000000oN6AAI', '0015g0000001wktAAA', 'Joseph', 'Sharma', 'Joseph Sharma', 'joseph.sharma@example.com', NULL, '+1-555-0692', TIMESTAMP '2022-10-30 14:12:00', TIMESTAMP '2023-03-14 14:26:00', false, 'SYNCED', NULL),
  (17, '0035g0000000qNjAAI', '0015g0000002O04AAE', 'James', 'Schneider', 'James Schneider', 'james.schneider@example.com', 'Operations Manager', '+1-555-0729', TIMESTAMP '2020-01-03 16:19:00', TIMESTAMP '2020-02-01 21:01:00', false, 'SYNCED', NULL),
  (18, '0035g0000000sOMAAY', '0015g0000002O04AAE', 'Hiroshi', 'Wang', 'Hiroshi Wang', 'hiroshi.wang@example.com', 'CFO', '+1-555-0766', TIMESTAMP '2019-07-01 15:44:00', TIMESTAMP '2019-10-10 20:04:00', false, 'SYNCED', NULL),
  (19, '0035g0000000uOzAAI', '0015g0000002O04AAE', 'Susan', 'Lee', 'Susan Lee', 'susan.lee@example.com', NULL, '+1-555-0803', TIMESTAMP '2019-10-18 21:55:00', TIMESTAMP '2020-03-16 00:58:00', false, 'SYNCED', NULL),
  (20, '0035g0000000wPcAAI', '0015g0000002O04AAE', 'Lukas', 'Jackson', 'Lukas Jackson', NULL, 'Project Manager', '+1-555-0840', TIMESTAMP '2019-12-10 18:16:00', TIMESTAMP '2020-05-03 20:05:00', false, 'SYNCED', NULL),
  (21, '0035g0000000yQFAAY', '0015g0000002pFFAAY', 'Lucas', 'Jackson', 'Lucas Jackson', 'lucas.jackson@example.com', 'IT Director', '+1-555-0877', TIMESTAMP '2021-11-07 14:16:00', TIMESTAMP '2022-02-19 16:06:00', false, 'SYNCED', NULL),
  (22, '0035g00000010QsAAI', '0015g0000002pFFAAY', 'Jessica', 'Clark', 'Jessica Clark', 'jessica.clark@example.com', 'Office Manager', '+1-555-0914', TIMESTAMP '2022-06-04 16:53:00', TIMESTAMP '2022-07-13 20:31:00', false, 'SYNCED', NULL),
  (23, '0035g00000012RVAAY', '0015g0000002pFFAAY', 'Charles', 'Thomas', 'Charles Thomas', 'charles.thomas@example.com', 'Software Engineer', '+1-555-0951', TIMESTAMP '2021-12-15 11:52:00', TIMESTAMP '2022-04-19 12:56:00', false, 'SYNCED', NULL),
  (24, '0035g00000014S8AAI', '0015g0000002pFFAAY', 'Mei', 'Schmidt', 'Mei Schmidt', 'mei.schmidt@example.com', 'Operations Manager', '+1-555-0988', TIMESTAMP '2021-10-17 14:16:00', TIMESTAMP '2021-11-04 16:25:00', false, 'SYNCED', NULL),
  (25, '0035g00000016SlAAI', '0015g0000003GUQAA2', 'Amelia', 'Martinez', 'Amelia Martinez', NULL, 'Office Manager', '+1-555-1025', TIMESTAMP '2020-09-08 12:12:00', TIMESTAMP '2020-11-28 17:34:00', false, 'SYNCED', NULL),
  (26, '0035g00000018TOAAY', '0015g0000003GUQAA2', 'Chen', 'Moore', 'Chen Moore', 'chen.moore@example.com', 'VP Sales', '+1-555-1062', TIMESTAMP '2021-04-22 17:27:00', TIMESTAMP '2021-07-23 00:36:00', false, 'SYNCED', NULL),
  (27, '0035g0000001AU1AAM', '0015g0000003GUQAA2', 'Mateo', 'Lee', 'Mateo Lee', 'mateo.lee@example.com', 'Office Manager', '+1-555-1099', TIMESTAMP '2020-07-31 19:37:00', TIMESTAMP '2020-11-23 23:38:00', false, 'SYNCED', NULL),
  (28, '0035g0000001CUeAAM', '0015g0000003GUQAA2', 'Richard', 'Jackson', 'Richard Jackson', 'richard.jackson@example.com', 'Head of Procurement', '+1-555-1136', TIMESTAMP '2020-07-25 13:36:00', TIMESTAMP '2020-08-19 22:14:00', false, 'SYNCED', NULL),
  (29, '0035g0000001EVHAA2', '0015g0000003hjbAAA', 'Mei', 'Anderson', 'Mei Anderson', 'mei.anderson@example.com', 'CTO', '+1-555-1173', TIMESTAMP '2019-12-03 23:12:00', TIMESTAMP '2020-05-11 02:55:00', false, 'SYNCED', NULL),
  (30, '0035g0000001GVuAAM', '0015g0000003hjbAAA', 'Barbara', 'Nguyen', 'Barbara Nguyen', NULL, 'IT Director', '+1-555-1210', TIMESTAMP '2019-09-11 19:23:00', TIMESTAMP '2020-02-20 04:51:00', false, 'SYNCED', NULL),
  (31, '0035g0000001IWXAA2', '0015g0000003hjbAAA', 'Jennifer', 'Lewis', 'Jennifer Lewis', 'jennifer.lewis@example.com', 'Support Lead', '+1-555-1247', TIMESTAMP '2019-11-17 19:12:00', TIMESTAMP '2020-03-25 01:55:00', false, 'SYNCED', NULL),
  (32, '0035g0000001KXAAA2', '0015g0000003hjbAAA', 'Karen', 'Sharma', 'Karen Sharma', 'karen.sharma@example.com', 'Operations Manager', '+1-555-1284', TIMESTAMP '2019-07-26 18:28:00', TIMESTAMP '2019-10-16 02:38:00', false, 'SYNCED', NULL),
  (33, '0035g0000001MXnAAM', '0015g00000048ymAAA', 'Michael', 'Brown', 'Michael Brown', 'michael.brown@example.com', 'Head of Procurement', '+1-555-1321', TIMESTAMP '2021-02-06 22:58:00', TIMESTAMP '2021-02-13 00:35:00', false, 'SYNCED', NULL),
  (34, '0035g0000001OYQAA2', '0015g00000048ymAAA', 'Richard', 'White', 'Richard White', 'richard.white@example.com', 'Head of Procurement', '+1-555-1358', TIMESTAMP '2021-03-22 21:46:00', TIMESTAMP '2021-04-08 23:52:00', false, 'SYNCED', NULL),
  (35, '0035g0000001QZ3AAM', '0015g00000048ymAAA', 'Joseph', 'Robinson', 'Joseph Robinson', NULL, 'Head of Procurement', '+1-555-1395', TIMESTAMP '2021-03-22 17:00:00', TIMESTAMP '2021-04-14 23:40:00', false, 'SYNCED', NULL),
  (36, '0035g0000001SZgAAM', '0015g00000048ymAAA', 'Jennifer', 'Martin', 'Jennifer Martin', 'jennifer.martin@example.com', 'Support Lead', '+1-555-1432', TIMESTAMP '2021-04-03 21:13:00', TIMESTAMP '2021-04-19 02:42:00', false, 'SYNCED', NULL),
  (37, '0035g0000001UaJAAU', '0015g0000004aDxAAI', 'Joseph', 'Kim', 'Joseph Kim', 'joseph.kim@example.com', 'Software Engineer', '+1-555-1469', TIMESTAMP '2021-11-15 20:49:00', TIMESTAMP '2022-03-25 21:09:00', false, 'SYNCED', NULL),
  (38, '0035g0000001WawAAE', '0015g0000004aDxAAI', 'Linda', 'Allen', 'Linda Allen', 'linda.allen@example.com', 'VP Engineering', '+1-555-1506', TIMESTAMP '2021-10-10 18:39:00', TIMESTAMP '2022-01-31 21:57:00', false, 'SYNCED', NULL),
  (39, '0035g0000001YbZAAU', '0015g0000004aDxAAI', 'Michael', 'Hernandez', 'Michael Hernandez', 'michael.hernandez@example.com', 'Account Manager', '+1-555-1543', TIMESTAMP '2021-11-15 01:13:00', TIMESTAMP '2022-02-08 09:23:00', false, 'SYNCED', NULL),
  (40, '0035g0000001acCAAQ', '0015g0000004aDxAAI', 'David', 'Clark', 'David Clark', NULL, 'VP Sales', '+1-555-1580', TIMESTAMP '2022-01-27 00:58:00', TIMESTAMP '2022-08-12 04:05:00', false, 'SYNCED', NULL),
  (41, '0035g0000001ccpAAA', '0015g00000051T8AAI', 'Linda', 'Martinez', 'Linda Martinez', 'linda.martinez@example.com', 'Office Manager', '+1-555-1617', TIMESTAMP '2024-09-18 17:21:00', TIMESTAMP '2024-11-29 09:39:00', false, 'SYNCED', NULL),
  (42, '0035g0000001edSAAQ', '0015g00000051T8AAI', 'Barbara', 'Harris', 'Barbara Harris', 'barbara.harris@example.com', 'Head of Procurement', '+1-555-1654', TIMESTAMP '2024-10-17 13:54:00', TIMESTAMP '2024-11-29 09:03:00', false, 'SYNCED', NULL),
  (43, '0035g0000001ge5AAA', '0015g00000051T8AAI', 'Jennifer', 'Wilson', 'Jennifer Wilson', 'jennifer.wilson@example.com', 'Head of Procurement', '+1-555-1691', TIMESTAMP '2024-12-23 21:08:00', TIMESTAMP '2024-11-29 09:22:00', false, 'SYNCED', NULL),
  (44, '0035g0000001ieiAAA', '0015g00000051T8AAI', 'Robert', 'Nguyen', 'Robert Nguyen', 'robert.nguyen@example.com', 'Operations Manager', '+1-555-1728', TIMESTAMP '2024-08-16 18:31:00', TIMESTAMP '2024-09-20 02:48:00', false, 'SYNCED', NULL),
  (45, '0035g0000001kfLAAQ', '0015g0000005SiJAAU', 'Hannah', 'Schmidt', 'Hannah Schmidt', NULL, 'Account Manager', '+1-555-1765', TIMESTAMP '2022-07-27 22:28:00', TIMESTAMP '2023-02-04 03:53:00', false, 'SYNCED', NULL),
  (46, '0035g0000001mfyAAA', '0015g0000005SiJAAU', 'Mary', 'Gonzalez', 'Mary Gonzalez', 'mary.gonzalez@example.com', 'IT Director', '+1-555-1802', TIMESTAMP '2022-11-12 21:20:00', TIMESTAMP '2023-05-01 04:18:00', false, 'SYNCED', NULL),
  (47, '0035g0000001ogbAAA', '0015g0000005SiJAAU', 'Noah', 'Silva', 'Noah Silva', 'noah.silva@example.com', 'Software Engineer', '+1-555-1839', TIMESTAMP '2023-02-16 23:21:00', TIMESTAMP '2023-05-19 04:35:00', false, 'SYNCED', NULL),
  (48, '0035g0000001qhEAAQ', '0015g0000005SiJAAU', 'Patricia', 'Robinson', 'Patricia Robinson', 'patricia.robinson@example.com', 'Support Lead', '+1-555-1876', TIMESTAMP '2023-02-21 17:43:00', TIMESTAMP '2023-03-21 17:50:00', false, 'SYNCED', NULL),
  (49, '0035g0000001shrAAA', '0015g0000005txUAAQ', 'David', 'Sato', 'David Sato', 'david.sato@example.com', 'Support Lead', '+1-555-1913', TIMESTAMP '2020-01-22 15:21:00', TIMESTAMP '2020-07-12 20:32:00', false, 'SYNCED', NULL),
  (50, '0035g0000001uiUAAQ', '0015g0000005txUAAQ', 'Noah', 'Schmidt', 'Noah Schmidt', NULL, 'Project Manager', '+1-555-1950', TIMESTAMP '2019-10-18 17:06:00', TIMESTAMP '2019-12-16 23:18:00', false, 'SYNCED', NULL),
  (51, '0035g0000001wj7AAA', '0015g0000005txUAAQ', 'Elizabeth', 'Jackson', 'Elizabeth Jackson', 'elizabeth.jackson@example.com', 'CTO', '+1-555-1987', TIMESTAMP '2019-06-05 19:35:00', TIMESTAMP '2019-10-21 02:04:00', false, 'SYNCED', NULL),
  (52, '0035g0000001yjkAAA', '0015g0000005txUAAQ', 'Hiroshi', 'Thomas', 'Hiroshi Thomas', 'hiroshi.thomas@example.com', 'CFO', '+1-555-2024', TIMESTAMP '2019-05-31 17:49:00', TIMESTAMP '2019-09-10 22:54:00', false, 'SYNCED', NULL),
  (53, '0035g00000020kNAAQ', '0015g0000006LCfAAM', 'Oliver', 'Thomas', 'Oliver Thomas', 'oliver.thomas@example.com', 'Project Manager', '+1-555-2061', TIMESTAMP '2023-03-08 19:33:00', TIMESTAMP '2023-09-09 04:04:00', false, 'SYNCED', NULL),
  (54, '0035g00000022l0AAA', '0015g0000006LCfAAM', 'Linda', 'White', 'Linda White', 'linda.white@example.com', 'VP Engineering', '+1-555-2098', TIMESTAMP '2023-05-01 15:24:00', TIMESTAMP '2023-05-20 21:34:00', false, 'SYNCED', NULL),
  (55, '0035g00000024ldAAA', '0015g0000006LCfAAM', 'Mary', 'Allen', 'Mary Allen', NULL, 'CFO', '+1-555-2135', TIMESTAMP '2023-08-12 21:18:00', TIMESTAMP '2024-02-02 22:31:00', false, 'SYNCED', NULL),
  (56, '0035g00000026mGAAQ', '0015g0000006LCfAAM', 'Richard', 'Robinson', 'Richard Robinson', 'richard.robinson@example.com', 'Support Lead', '+1-555-2172', TIMESTAMP '2023-04-05 22:22:00', TIMESTAMP '2023-04-08 06:10:00', false, 'SYNCED', NULL),
  (57, '0035g00000028mtAAA', '0015g0000006mRqAAI', 'Aiko', 'Jackson', 'Aiko Jackson', 'aiko.jackson@example.com', 'Office Manager', '+1-555-2209', TIMESTAMP '2023-04-29 14:59:00', TIMESTAMP '2023-05-31 15:17:00', false, 'SYNCED', NULL),
  (58, '0035g0000002AnWAAU', '0015g0000006mRqAAI', 'Noah', 'Dubois', 'Noah Dubois', 'noah.dubois@example.com', 'Office Manager', '+1-555-2246', TIMESTAMP '2023-03-16 17:17:00', TIMESTAMP '2023-07-28 22:51:00', false, 'SYNCED', NULL),
  (59, '0035g0000002Co9AAE', '0015g0000006mRqAAI', 'Barbara', 'Sato', 'Barbara Sato', 'barbara.sato@example.com', 'CTO', '+1-555-2283', TIMESTAMP '2023-06-05 20:12:00', TIMESTAMP '2023-06-23 01:29:00', false, 'SYNCED', NULL),
  (60, '0035g0000002EomAAE', '0015g0000006mRqAAI', 'Priya', 'Tanaka', 'Priya Tanaka', NULL, 'Project Manager', '+1-555-2320', TIMESTAMP '2022-11-21 13:47:00', TIMESTAMP '2023-04-04 17:29:00', false, 'SYNCED', NULL),
  (61, '0035g0000002GpPAAU', '0015g0000007Dh1AAE', 'Mary', 'Hernandez', 'Mary Hernandez', 'mary.hernandez@example.com', 'Office Manager', '+1-555-2357', TIMESTAMP '2023-12-16 18:12:00', TIMESTAMP '2023-12-24 18:23:00', false, 'SYNCED', NULL),
  (62, '0035g0000002Iq2AAE', '0015g0000007Dh1AAE', 'Isla', 'Taylor', 'Isla Taylor', 'isla.taylor@example.com', 'Software Engineer', '+1-555-2394', TIMESTAMP '2023-08-06 23:10:00', TIMESTAMP '2024-01-31 05:52:00', false, 'SYNCED', NULL),
  (63, '0035g0000002KqfAAE', '0015g0000007Dh1AAE', 'Hannah', 'Lewis', 'Hannah Lewis', 'hannah.lewis@example.com', 'Support Lead', '+1-555-2431', TIMESTAMP '2024-03-07 23:16:00', TIMESTAMP '2024-04-15 00:48:00', false, 'SYNCED', NULL),
  (64, '0035g0000002MrIAAU', '0015g0000007Dh1AAE', 'Valentina', 'Dubois', 'Valentina Dubois', 'valentina.dubois@example.com', 'Account Manager', '+1-555-2468', TIMESTAMP '2023-09-01 17:55:00', TIMESTAMP '2024-01-27 18:28:00', false, 'SYNCED', NULL),
  (65, '0035g0000002OrvAAE', '0015g0000007ewCAAQ', 'Robert', 'Clark', 'Robert Clark', NULL, 'IT Director', '+1-555-2505', TIMESTAMP '2024-03-29 19:23:00', TIMESTAMP '2024-10-09 01:51:00', false, 'SYNCED', NULL),
  (66, '0035g0000002QsYAAU', '0015g0000007ewCAAQ', 'Karen', 'Jones', 'Karen Jones', 'karen.jones@example.com', 'Project Manager', '+1-555-2542', TIMESTAMP '2023-12-24 16:00:00', TIMESTAMP '2024-02-07 21:41:00', false, 'SYNCED', NULL),
  (67, '0035g0000002StBAAU', '0015g0000007ewCAAQ', 'Amelia', 'Silva', 'Amelia Silva', 'amelia.silva@example.com', NULL, '+1-555-2579', TIMESTAMP '2023-10-21 17:18:00', TIMESTAMP '2024-01-22 20:37:00', false, 'SYNCED', NULL),
  (68, '0035g0000002UtoAAE', '0015g0000007ewCAAQ', 'Barbara', 'Moore', 'Barbara Moore', 'barbara.moore@example.com', 'Support Lead', '+1-555-2616', TIMESTAMP '2023-07-16 12:55:00', TIMESTAMP '2023-10-24 14:55:00', false, 'SYNCED', NULL),
  (69, '0035g0000002WuRAAU', '0015g00000086BNAAY', 'Chen', 'Gonzalez', 'Chen Gonzalez', 'chen.gonzalez@example.com', 'Purchasing Agent', '+1-555-2653', TIMESTAMP '2020-11-18 20:32:00', TIMESTAMP '2021-02-09 06:26:00', false, 'SYNCED', NULL),
  (70, '0035g0000002Yv4AAE', '0015g00000086BNAAY', 'William', 'Thompson', 'William Thompson', NULL, NULL, '+1-555-2690', TIMESTAMP '2021-05-10 17:27:00', TIMESTAMP '2021-08-09 19:48:00', false, 'SYNCED', NULL),
  (71, '0035g0000002avhAAA', '0015g00000086BNAAY', 'Kenji', 'Martin', 'Kenji Martin', 'kenji.martin@example.com', 'CEO', '+1-555-2727', TIMESTAMP '2021-03-28 19:58:00', TIMESTAMP '2021-08-14 22:44:00', false, 'SYNCED', NULL),
  (72, '0035g0000002cwKAAQ', '0015g00000086BNAAY', 'Lucas', 'Brown', 'Lucas Brown', 'lucas.brown@example.com', 'Account Manager', '+1-555-2764', TIMESTAMP '2021-05-24 00:57:00', TIMESTAMP '2021-10-02 06:58:00', false, 'SYNCED', NULL),
  (73, '0035g0000002ewxAAA', '0015g0000008XQYAA2', 'Joseph', 'Harris', 'Joseph Harris', 'joseph.harris@example.com', 'Account Manager', '+1-555-2801', TIMESTAMP '2020-03-15 16:52:00', TIMESTAMP '2020-03-27 01:41:00', false, 'SYNCED', NULL),
  (74, '0035g0000002gxaAAA', '0015g0000008XQYAA2', 'Noah', 'Patel', 'Noah Patel', 'noah.patel@example.com', 'CTO', '+1-555-2838', TIMESTAMP '2020-06-16 16:27:00', TIMESTAMP '2020-12-04 00:17:00', false, 'SYNCED', NULL),
  (75, '0035g0000002iyDAAQ', '0015g0000008XQYAA2', 'Karen', 'Hernandez', 'Karen Hernandez', NULL, 'CTO', '+1-555-2875', TIMESTAMP '2020-07-16 18:03:00', TIMESTAMP '2021-01-16 01:00:00', false, 'SYNCED', NULL),
  (76, '0035g0000002kyqAAA', '0015g0000008XQYAA2', 'Camille', 'Dubois', 'Camille Dubois', 'camille.dubois@example.com', 'IT Director', '+1-555-2912', TIMESTAMP '2020-04-01 15:23:00', TIMESTAMP '2020-04-26 18:20:00', false, 'SYNCED', NULL),
  (77, '0035g0000002mzTAAQ', '0015g0000008yfjAAA', 'Valentina', 'Lewis', 'Valentina Lewis', 'valentina.lewis@example.com', 'IT Director', '+1-555-2949', TIMESTAMP '2019-09-15 19:26:00', TIMESTAMP '2019-12-13 01:05:00', false, 'SYNCED', NULL),
  (78, '0035g0000002p06AAA', '0015g0000008yfjAAA', 'John', 'Robinson', 'John Robinson', 'john.robinson@example.com', 'Purchasing Agent', '+1-555-2986', TIMESTAMP '2020-01-06 15:57:00', TIMESTAMP '2020-03-16 23:30:00', false, 'SYNCED', NULL),
  (79, '0035g0000002r0jAAA', '0015g0000008yfjAAA', 'Camille', 'Wilson', 'Camille Wilson', 'camille.wilson@example.com', 'Office Manager', '+1-555-3023', TIMESTAMP '2020-01-31 16:23:00', TIMESTAMP '2020-07-31 22:46:00', false, 'SYNCED', NULL),
  (80, '0035g0000002t1MAAQ', '0015g0000008yfjAAA', 'Sofia', 'Wang', 'Sofia Wang', NULL, 'Head of Procurement', '+1-555-3060', TIMESTAMP '2019-08-25 15:54:00', TIMESTAMP '2019-09-18 00:58:00', false, 'SYNCED', NULL),
  (81, '0035g0000002v1zAAA', '0015g0000009PuuAAE', 'Mateo', 'Suzuki', 'Mateo Suzuki', 'mateo.suzuki@example.com', 'Software Engineer', '+1-555-3097', TIMESTAMP '2022-10-07 20:52:00', TIMESTAMP '2023-03-28 23:06:00', false, 'SYNCED', NULL),
  (82, '0035g0000002x2cAAA', '0015g0000009PuuAAE', 'Sofia', 'White', 'Sofia White', 'sofia.white@example.com', 'Software Engineer', '+1-555-3134', TIMESTAMP '2022-11-09 20:28:00', TIMESTAMP '2022-11-22 21:55:00', false, 'SYNCED', NULL),
  (83, '0035g0000002z3FAAQ', '0015g0000009PuuAAE', 'Lucas', 'Moore', 'Lucas Moore', 'lucas.moore@example.com', 'CTO', '+1-555-3171', TIMESTAMP '2022-10-15 14:57:00', TIMESTAMP '2022-11-02 21:33:00', false, 'SYNCED', NULL),
  (84, '0035g000000313sAAA', '0015g0000009PuuAAE', 'Lukas', 'Young', 'Lukas Young', 'lukas.young@example.com', 'Head of Procurement', '+1-555-3208', TIMESTAMP '2023-03-13 21:52:00', TIMESTAMP '2023-04-22 02:05:00', false, 'SYNCED', NULL),
  (85, '0035g000000334VAAQ', '0015g0000009rA5AAI', 'Yuki', 'Kim', 'Yuki Kim', NULL, 'VP Engineering', '+1-555-3245', TIMESTAMP '2019-07-07 20:00:00', TIMESTAMP '2019-07-20 03:02:00', false, 'SYNCED', NULL),
  (86, '0035g0000003558AAA', '0015g0000009rA5AAI', 'Yuki', 'Silva', 'Yuki Silva', 'yuki.silva@example.com', 'VP Engineering', '+1-555-3282', TIMESTAMP '2019-11-23 02:46:00', TIMESTAMP '2020-04-02 04:47:00', false, 'SYNCED', NULL),
  (87, '0035g000000375lAAA', '0015g0000009rA5AAI', 'Mary', 'Lee', 'Mary Lee', 'mary.lee@example.com', NULL, '+1-555-3319', TIMESTAMP '2019-05-01 20:15:00', TIMESTAMP '2019-10-29 22:41:00', false, 'SYNCED', NULL),
  (88, '0035g000000396OAAQ', '0015g0000009rA5AAI', 'David', 'Wang', 'David Wang', 'david.wang@example.com', NULL, '+1-555-3356', TIMESTAMP '2019-07-29 20:46:00', TIMESTAMP '2020-01-06 23:02:00', false, 'SYNCED', NULL),
  (89, '0035g0000003B71AAE', '0015g000000AIPGAA4', 'Lukas', 'Williams', 'Lukas Williams', 'lukas.williams@example.com', 'Purchasing Agent', '+1-555-3393', TIMESTAMP '2023-09-03 16:26:00', TIMESTAMP '2023-12-14 18:00:00', true, 'SYNCED', NULL),
  (90, '0035g0000003D7eAAE', '0015g000000AIPGAA4', 'Elizabeth', 'Schmidt', 'Elizabeth Schmidt', NULL, 'IT Director', '+1-555-3430', TIMESTAMP '2023-07-21 17:05:00', TIMESTAMP '2023-08-31 21:47:00', true, 'SYNCED', NULL),
  (91, '0035g0000003F8HAAU', '0015g000000AIPGAA4', 'James', 'Jackson', 'James Jackson', 'james.jackson@example.com', 'Purchasing Agent', '+1-555-3467', TIMESTAMP '2023-05-24 16:03:00', TIMESTAMP '2023-08-27 16:12:00', true, 'SYNCED', NULL),
  (92, '0035g0000003H8uAAE', '0015g000000AIPGAA4', 'Elizabeth', 'Silva', 'Elizabeth Silva', 'elizabeth.silva@example.com', 'Purchasing Agent', '+1-555-3504', TIMESTAMP '2023-06-09 10:29:00', TIMESTAMP '2023-08-06 13:25:00', true, 'SYNCED', NULL),
  (93, '0035g0000003J9XAAU', '0015g000000AjeRAAS', 'Lukas', 'Martin', 'Lukas Martin', 'lukas.martin@example.com', NULL, '+1-555-3541', TIMESTAMP '2024-08-09 17:31:00', TIMESTAMP '2024-10-31 20:06:00', false, 'SYNCED', NULL),
  (94, '0035g0000003LAAAA2', '0015g000000AjeRAAS', 'James', 'Moore', 'James Moore', 'james.moore@example.com', 'Head of Procurement', '+1-555-3578', TIMESTAMP '2024-04-16 11:09:00', TIMESTAMP '2024-08-30 20:33:00', false, 'SYNCED', NULL),
  (95, '0035g0000003NAnAAM', '0015g000000AjeRAAS', 'Lukas', 'Davis', 'Lukas Davis', NULL, 'Software Engineer', '+1-555-3615', TIMESTAMP '2024-03-08 10:38:00', TIMESTAMP '2024-06-25 16:44:00', false, 'SYNCED', NULL),
  (96, '0035g0000003PBQAA2', '0015g000000AjeRAAS', 'James', 'Lewis', 'James Lewis', 'james.lewis@example.com', NULL, '+1-555-3652', TIMESTAMP '2024-03-01 16:58:00', TIMESTAMP '2024-04-17 00:26:00', false, 'SYNCED', NULL),
  (97, '0035g0000003RC3AAM', '0015g000000BAtcAAG', 'Hannah', 'Moore', 'Hannah Moore', 'hannah.moore@example.com', 'Purchasing Agent', '+1-555-3689', TIMESTAMP '2024-05-28 19:43:00', TIMESTAMP '2024-11-29 09:01:00', false, 'SYNCED', NULL),
  (98, '0035g0000003TCgAAM', '0015g000000BAtcAAG', 'Patricia', 'Jones', 'Patricia Jones', 'patricia.jones@example.com', 'CTO', '+1-555-3726', TIMESTAMP '2024-04-27 20:06:00', TIMESTAMP '2024-05-19 21:15:00', false, 'SYNCED', NULL),
  (99, '0035g0000003VDJAA2', '0015g000000BAtcAAG', 'Thomas', 'Brown', 'Thomas Brown', 'thomas.brown@example.com', 'VP Engineering', '+1-555-3763', TIMESTAMP '2023-12-10 16:18:00', TIMESTAMP '2024-06-23 20:29:00', false, 'SYNCED', NULL),
  (100, '0035g0000003XDwAAM', '0015g000000BAtcAAG', 'Robert', 'Lewis', 'Robert Lewis', NULL, 'Support Lead', '+1-555-3800', TIMESTAMP '2023-10-01 15:55:00', TIMESTAMP '2024-02-26 18:07:00', false, 'SYNCED', NULL),
  (101, '0035g0000003ZEZAA2', '0015g000000Bc8nAAC', 'Karen', 'Martin', 'Karen Martin', 'karen.martin@example.com', 'Project Manager', '+1-555-3837', TIMESTAMP '2023-07-06 21:59:00', TIMESTAMP '2023-10-09 04:50:00', false, 'SYNCED', NULL),
  (102, '0035g0000003bFCAAY', '0015g000000Bc8nAAC', 'Lucas', 'Wilson', 'Lucas Wilson', 'lucas.wilson@example.com', 'IT Director', '+1-555-3874', TIMESTAMP '2023-06-26 14:30:00', TIMESTAMP '2023-08-24 17:06:00', false, 'SYNCED', NULL),
  (103, '0035g0000003dFpAAI', '0015g000000Bc8nAAC', 'Oliver', 'Lopez', 'Oliver Lopez', 'oliver.lopez@example.com', 'Purchasing Agent', '+1-555-3911', TIMESTAMP '2023-03-22 18:15:00', TIMESTAMP '2023-08-07 00:20:00', false, 'SYNCED', NULL),
  (104, '0035g0000003fGSAAY', '0015g000000Bc8nAAC', 'Mateo', 'Patel', 'Mateo Patel', 'mateo.patel@example.com', 'VP Sales', '+1-555-3948', TIMESTAMP '2023-08-14 14:25:00', TIMESTAMP '2024-01-11 19:39:00', false, 'SYNCED', NULL),
  (105, '0035g0000003hH5AAI', '0015g000000C3NyAAK', 'Sofia', 'Kim', 'Sofia Kim', NULL, 'Purchasing Agent', '+1-555-3985', TIMESTAMP '2019-12-10 11:49:00', TIMESTAMP '2020-06-22 20:15:00', false, 'SYNCED', NULL),
  (106, '0035g0000003jHiAAI', '0015g000000C3NyAAK', 'Michael', 'Moore', 'Michael Moore', 'michael.moore@example.com', 'VP Sales', '+1-555-4022', TIMESTAMP '2020-01-21 13:52:00', TIMESTAMP '2020-02-17 15:30:00', false, 'SYNCED', NULL),
  (107, '0035g0000003lILAAY', '0015g000000C3NyAAK', 'Kenji', 'Walker', 'Kenji Walker', 'kenji.walker@example.com', 'Support Lead', '+1-555-4059', TIMESTAMP '2019-12-20 09:45:00', TIMESTAMP '2020-02-04 18:28:00', false, 'SYNCED', NULL),
  (108, '0035g0000003nIyAAI', '0015g000000C3NyAAK', 'Mateo', 'Clark', 'Mateo Clark', 'mateo.clark@example.com', 'Purchasing Agent', '+1-555-4096', TIMESTAMP '2020-03-24 17:50:00', TIMESTAMP '2020-09-06 20:30:00', false, 'SYNCED', NULL),
  (109, '0035g0000003pJbAAI', '0015g000000CUd9AAG', 'David', 'Moore', 'David Moore', 'david.moore@example.com', 'Support Lead', '+1-555-4133', TIMESTAMP '2019-09-30 13:03:00', TIMESTAMP '2020-04-12 15:39:00', false, 'SYNCED', NULL),
  (110, '0035g0000003rKEAAY', '0015g000000CUd9AAG', 'John', 'Li', 'John Li', NULL, 'Account Manager', '+1-555-4170', TIMESTAMP '2019-09-29 12:33:00', TIMESTAMP '2020-01-31 17:12:00', false, 'SYNCED', NULL),
  (111, '0035g0000003tKrAAI', '0015g000000CUd9AAG', 'James', 'Thomas', 'James Thomas', 'james.thomas@example.com', 'Head of Procurement', '+1-555-4207', TIMESTAMP '2019-10-06 14:18:00', TIMESTAMP '2019-11-08 17:49:00', false, 'SYNCED', NULL),
  (112, '0035g0000003vLUAAY', '0015g000000CUd9AAG', 'Barbara', 'Williams', 'Barbara Williams', 'barbara.williams@example.com', 'Office Manager', '+1-555-4244', TIMESTAMP '2020-04-22 17:33:00', TIMESTAMP '2020-08-06 22:53:00', false, 'SYNCED', NULL),
  (113, '0035g0000003xM7AAI', '0015g000000CvsKAAS', 'Barbara', 'Smith', 'Barbara Smith', 'barbara.smith@example.com', 'IT Director', '+1-555-4281', TIMESTAMP '2022-09-18 15:53:00', TIMESTAMP '2023-02-22 22:13:00', false, 'SYNCED', NULL),
  (114, '0035g0000003zMkAAI', '0015g000000CvsKAAS', 'Valentina', 'Young', 'Valentina Young', 'valentina.young@example.com', 'Purchasing Agent', '+1-555-4318', TIMESTAMP '2022-05-31 18:05:00', TIMESTAMP '2022-10-17 18:20:00', false, 'SYNCED', NULL),
  (115, '0035g00000041NNAAY', '0015g000000CvsKAAS', 'Yuki', 'Moore', 'Yuki Moore', NULL, 'Operations Manager', '+1-555-4355', TIMESTAMP '2022-06-17 20:28:00', TIMESTAMP '2022-08-04 04:50:00', false, 'SYNCED', NULL),
  (116, '0035g00000043O0AAI', '0015g000000CvsKAAS', 'Joseph', 'Martinez', 'Joseph Martinez', 'joseph.martinez@example.com', 'VP Sales', '+1-555-4392', TIMESTAMP '2022-03-15 14:21:00', TIMESTAMP '2022-07-14 17:59:00', false, 'SYNCED', NULL),
  (117, '0035g00000045OdAAI', '0015g000000DN7VAAW', 'Chen', 'Thomas', 'Chen Thomas', 'chen.thomas@example.com', 'Support Lead', '+1-555-4429', TIMESTAMP '2023-05-02 19:57:00', TIMESTAMP '2023-11-01 00:44:00', false, 'SYNCED', NULL),
  (118, '0035g00000047PGAAY', '0015g000000DN7VAAW', 'David', 'Takahashi', 'David Takahashi', 'david.takahashi@example.com', 'VP Engineering', '+1-555-4466', TIMESTAMP '2023-07-31 13:48:00', TIMESTAMP '2023-12-31 14:06:00', false, 'SYNCED', NULL),
  (119, '0035g00000049PtAAI', '0015g000000DN7VAAW', 'Oliver', 'Takahashi', 'Oliver Takahashi', 'oliver.takahashi@example.com', 'Head of Procurement', '+1-555-4503', TIMESTAMP '2023-07-03 14:14:00', TIMESTAMP '2023-11-08 23:20:00', false, 'SYNCED', NULL),
  (120, '0035g0000004BQWAA2', '0015g000000DN7VAAW', 'Jessica', 'Young', 'Jessica Young', NULL, 'Project Manager', '+1-555-4540', TIMESTAMP '2024-01-15 20:09:00', TIMESTAMP '2024-01-21 01:51:00', false, 'SYNCED', NULL),
  (121, '0035g0000004DR9AAM', '0015g000000DoMgAAK', 'Camille', 'Clark', 'Camille Clark', 'camille.clark@example.com', 'Software Engineer', '+1-555-4577', TIMESTAMP '2024-07-29 16:21:00', TIMESTAMP '2024-08-25 01:54:00', false, 'SYNCED', NULL),
  (122, '0035g0000004FRmAAM', '0015g000000DoMgAAK', 'Valentina', 'Li', 'Valentina Li', 'valentina.li@example.com', NULL, '+1-555-4614', TIMESTAMP '2024-12-04 19:22:00', TIMESTAMP '2024-11-29 09:48:00', false, 'SYNCED', NULL),
  (123, '0035g0000004HSPAA2', '0015g000000DoMgAAK', 'Barbara', 'Martinez', 'Barbara Martinez', 'barbara.martinez@example.com', 'Project Manager', '+1-555-4651', TIMESTAMP '2024-06-07 19:04:00', TIMESTAMP '2024-06-16 04:16:00', false, 'SYNCED', NULL),
  (124, '0035g0000004JT2AAM', '0015g000000DoMgAAK', 'Amelia', 'Walker', 'Amelia Walker', 'amelia.walker@example.com', 'CTO', '+1-555-4688', TIMESTAMP '2024-05-02 20:56:00', TIMESTAMP '2024-09-18 22:49:00', false, 'SYNCED', NULL),
  (125, '0035g0000004LTfAAM', '0015g000000EFbrAAG', 'Joseph', 'Miller', 'Joseph Miller', NULL, NULL, '+1-555-4725', TIMESTAMP '2023-02-09 10:57:00', TIMESTAMP '2023-03-13 14:57:00', false, 'SYNCED', NULL),
  (126, '0035g0000004NUIAA2', '0015g000000EFbrAAG', 'Karen', 'Lewis', 'Karen Lewis', 'karen.lewis@example.com', 'Support Lead', '+1-555-4762', TIMESTAMP '2023-07-20 16:14:00', TIMESTAMP '2023-11-21 02:06:00', false, 'SYNCED', NULL),
  (127, '0035g0000004PUvAAM', '0015g000000EFbrAAG', 'James', 'Davis', 'James Davis', 'james.davis@example.com', 'Head of Procurement', '+1-555-4799', TIMESTAMP '2022-11-28 16:12:00', TIMESTAMP '2023-01-28 18:14:00', false, 'SYNCED', NULL),
  (128, '0035g0000004RVYAA2', '0015g000000EFbrAAG', 'James', 'Jones', 'James Jones', 'james.jones@example.com', 'VP Sales', '+1-555-4836', TIMESTAMP '2023-07-25 13:14:00', TIMESTAMP '2023-09-14 19:50:00', false, 'SYNCED', NULL),
  (129, '0035g0000004TWBAA2', '0015g000000Egr2AAC', 'Lukas', 'Moore', 'Lukas Moore', 'lukas.moore@example.com', 'VP Sales', '+1-555-4873', TIMESTAMP '2022-06-15 20:00:00', TIMESTAMP '2022-12-31 21:43:00', false, 'SYNCED', NULL),
  (130, '0035g0000004VWoAAM', '0015g000000Egr2AAC', 'Yuki', 'Allen', 'Yuki Allen', NULL, NULL, '+1-555-4910', TIMESTAMP '2022-06-29 17:14:00', TIMESTAMP '2022-08-26 20:28:00', false, 'SYNCED', NULL),
  (131, '0035g0000004XXRAA2', '0015g000000Egr2AAC', 'Karen', 'Jackson', 'Karen Jackson', 'karen.jackson@example.com', 'IT Director', '+1-555-4947', TIMESTAMP '2022-02-05 22:36:00', TIMESTAMP '2022-02-17 08:10:00', false, 'SYNCED', NULL),
  (132, '0035g0000004ZY4AAM', '0015g000000Egr2AAC', 'Isla', 'Jones', 'Isla Jones', 'isla.jones@example.com', 'Head of Procurement', '+1-555-4984', TIMESTAMP '2022-08-24 19:49:00', TIMESTAMP '2022-09-03 03:29:00', false, 'SYNCED', NULL),
  (133, '0035g0000004bYhAAI', '0015g000000F86DAAS', 'Chen', 'Lee', 'Chen Lee', 'chen.lee@example.com', 'Support Lead', '+1-555-5021', TIMESTAMP '2023-04-22 19:38:00', TIMESTAMP '2023-08-17 00:31:00', false, 'SYNCED', NULL),
  (134, '0035g0000004dZKAAY', '0015g000000F86DAAS', 'Michael', 'Miller', 'Michael Miller', 'michael.miller@example.com', 'CFO', '+1-555-5058', TIMESTAMP '2023-03-31 18:51:00', TIMESTAMP '2023-04-25 01:22:00', false, 'SYNCED', NULL),
  (135, '0035g0000004fZxAAI', '0015g000000F86DAAS', 'Richard', 'Anderson', 'Richard Anderson', NULL, 'Support Lead', '+1-555-5095', TIMESTAMP '2023-05-02 21:15:00', TIMESTAMP '2023-05-16 23:04:00', false, 'SYNCED', NULL),
  (136, '0035g0000004haaAAA', '0015g000000FZLOAA4', 'Noah', 'Clark', 'Noah Clark', 'noah.clark@example.com', 'VP Engineering', '+1-555-5132', TIMESTAMP '2023-12-14 12:12:00', TIMESTAMP '2024-04-04 19:40:00', false, 'SYNCED', NULL),
  (137, '0035g0000004jbDAAQ', '0015g000000FZLOAA4', 'Sarah', 'Dubois', 'Sarah Dubois', 'sarah.dubois@example.com', 'Operations Manager', '+1-555-5169', TIMESTAMP '2023-06-10 17:22:00', TIMESTAMP '2023-08-24 03:21:00', false, 'SYNCED', NULL),
  (138, '0035g0000004lbqAAA', '0015g000000FZLOAA4', 'Oliver', 'Martin', 'Oliver Martin', 'oliver.martin@example.com', 'CTO', '+1-555-5206', TIMESTAMP '2023-05-25 14:13:00', TIMESTAMP '2023-10-06 15:52:00', false, 'SYNCED', NULL),
  (139, '0035g0000004ncTAAQ', '0015g000000G0aZAAS', 'Aiko', 'Wang', 'Aiko Wang', 'aiko.wang@example.com', 'Office Manager', '+1-555-5243', TIMESTAMP '2022-09-25 13:42:00', TIMESTAMP '2022-11-22 20:40:00', false, 'SYNCED', NULL),
  (140, '0035g0000004pd6AAA', '0015g000000G0aZAAS', 'Mei', 'Brown', 'Mei Brown', NULL, 'CEO', '+1-555-5280', TIMESTAMP '2023-02-16 14:59:00', TIMESTAMP '2023-04-08 22:40:00', false, 'SYNCED', NULL),
  (141, '0035g0000004rdjAAA', '0015g000000G0aZAAS', 'Michael', 'Martin', 'Michael Martin', 'michael.martin@example.com', NULL, '+1-555-5317', TIMESTAMP '2023-06-27 17:18:00', TIMESTAMP '2023-10-26 23:26:00', false, 'SYNCED', NULL),
  (142, '0035g0000004teMAAQ', '0015g000000GRpkAAG', 'Yuki', 'Schmidt', 'Yuki Schmidt', 'yuki.schmidt@example.com', 'Software Engineer', '+1-555-5354', TIMESTAMP '2021-06-20 21:08:00', TIMESTAMP '2021-11-13 02:02:00', false, 'SYNCED', NULL),
  (143, '0035g0000004vezAAA', '0015g000000GRpkAAG', 'Patricia', 'Wilson', 'Patricia Wilson', 'patricia.wilson@example.com', 'Head of Procurement', '+1-555-5391', TIMESTAMP '2022-03-06 19:36:00', TIMESTAMP '2022-08-29 05:07:00', false, 'SYNCED', NULL),
  (144, '0035g0000004xfcAAA', '0015g000000GRpkAAG', 'Kenji', 'O''Brien', 'Kenji O''Brien', 'kenji.obrien@example.com', 'Project Manager', '+1-555-5428', TIMESTAMP '2021-12-19 19:27:00', TIMESTAMP '2022-01-16 01:36:00', false, 'SYNCED', NULL),
  (145, '0035g0000004zgFAAQ', '0015g000000Gt4vAAC', 'Karen', 'Clark', 'Karen Clark', NULL, 'Account Manager', '+1-555-5465', TIMESTAMP '2024-07-18 18:52:00', TIMESTAMP '2024-11-29 09:22:00', false, 'SYNCED', NULL),
  (146, '0035g00000051gsAAA', '0015g000000Gt4vAAC', 'Isla', 'Suzuki', 'Isla Suzuki', 'isla.suzuki@example.com', 'IT Director', '+1-555-5502', TIMESTAMP '2024-02-25 16:39:00', TIMESTAMP '2024-05-23 18:49:00', false, 'SYNCED', NULL),
  (147, '0035g00000053hVAAQ', '0015g000000Gt4vAAC', 'David', 'Gonzalez', 'David Gonzalez', 'david.gonzalez@example.com', 'Head of Procurement', '+1-555-5539', TIMESTAMP '2024-07-29 18:47:00', TIMESTAMP '2024-09-13 23:39:00', false, 'SYNCED', NULL),
  (148, '0035g00000055i8AAA', '0015g000000HKK6AAO', 'Elizabeth', 'Brown', 'Elizabeth Brown', 'elizabeth.brown@example.com', 'IT Director', '+1-555-5576', TIMESTAMP '2023-09-30 16:06:00', TIMESTAMP '2023-12-29 01:03:00', false, 'SYNCED', NULL),
  (149, '0035g00000057ilAAA', '0015g000000HKK6AAO', 'Mary', 'Thompson', 'Mary Thompson', 'mary.thompson@example.com', 'Office Manager', '+1-555-5613', TIMESTAMP '2023-11-01 10:06:00', TIMESTAMP '2024-03-25 10:54:00', false, 'SYNCED', NULL),
  (150, '0035g00000059jOAAQ', '0015g000000HKK6AAO', 'Oliver', 'O''Brien', 'Oliver O''Brien', NULL, 'Purchasing Agent', '+1-555-5650', TIMESTAMP '2023-05-26 13:02:00', TIMESTAMP '2023-07-01 20:19:00', false, 'SYNCED', NULL);
SELECT setval('salesforce.contact_id_seq', (SELECT max(id) FROM salesforce.contact));

-- Writes captured by the Heroku Connect triggers: processed ones in the archive, open ones in the log.
INSERT INTO salesforce._trigger_log_archive (id, txid, created_at, updated_at, processed_at, processed_tx, state, action,
    table_name, record_id, sfid, old, "values", sf_result, sf_message) VALUES
  (1, 48223, TIMESTAMP '2024-03-28 03:57:00' AT TIME ZONE 'UTC', TIMESTAMP '2024-03-28 03:59:00' AT TIME ZONE 'UTC', TIMESTAMP '2024-03-28 03:59:00' AT TIME ZONE 'UTC', 48225, 'SUCCESS', 'UPDATE', 'account', 1, '0015g0000000d1MAAQ', '"type"=>"Prospect"', '"type"=>"Customer - Direct"', 0, NULL),
  (2, 48236, TIMESTAMP '2021-12-25 08:36:00' AT TIME ZONE 'UTC', TIMESTAMP '2021-12-25 08:38:00' AT TIME ZONE 'UTC', TIMESTAMP '2021-12-25 08:38:00' AT TIME ZONE 'UTC', 48238, 'SUCCESS', 'UPDATE', 'account', 2, '0015g00000014GXAAY', '"type"=>"Prospect"', '"type"=>"Customer - Direct"', 0, NULL),
  (3, 48249, TIMESTAMP '2024-05-13 00:25:00' AT TIME ZONE 'UTC', TIMESTAMP '2024-05-13 00:27:00' AT TIME ZONE 'UTC', TIMESTAMP '2024-05-13 00:27:00' AT TIME ZONE 'UTC', 48251, 'SUCCESS', 'UPDATE', 'account', 3, '0015g0000001VViAAM', '"type"=>"Prospect"', '"type"=>"Customer - Direct"', 0, NULL),
  (4, 48262, TIMESTAMP '2022-06-26 22:02:00' AT TIME ZONE 'UTC', TIMESTAMP '2022-06-26 22:04:00' AT TIME ZONE 'UTC', TIMESTAMP '2022-06-26 22:04:00' AT TIME ZONE 'UTC', 48264, 'SUCCESS', 'UPDATE', 'account', 4, '0015g0000001wktAAA', '"type"=>"Prospect"', '"type"=>"Customer - Direct"', 0, NULL),
  (5, 48275, TIMESTAMP '2020-10-27 22:11:00' AT TIME ZONE 'UTC', TIMESTAMP '2020-10-27 22:13:00' AT TIME ZONE 'UTC', TIMESTAMP '2020-10-27 22:13:00' AT TIME ZONE 'UTC', 48277, 'SUCCESS', 'UPDATE', 'account', 7, '0015g0000003GUQAA2', '"type"=>"Prospect"', '"type"=>"Customer - Direct"', 0, NULL),
  (6, 48288, TIMESTAMP '2020-03-19 21:01:00' AT TIME ZONE 'UTC', TIMESTAMP '2020-03-19 21:03:00' AT TIME ZONE 'UTC', TIMESTAMP '2020-03-19 21:03:00' AT TIME ZONE 'UTC', 48290, 'SUCCESS', 'UPDATE', 'account', 8, '0015g0000003hjbAAA', '"type"=>"Prospect"', '"type"=>"Customer - Direct"', 0, NULL);
SELECT setval('salesforce._trigger_log_archive_id_seq', (SELECT max(id) FROM salesforce._trigger_log_archive));

INSERT INTO salesforce._trigger_log (id, txid, created_at, updated_at, processed_at, processed_tx, state, action,
    table_name, record_id, sfid, old, "values", sf_result, sf_message) VALUES
  (1, 51001, TIMESTAMP '2024-11-29 10:15:00' AT TIME ZONE 'UTC', TIMESTAMP '2024-11-29 10:15:00' AT TIME ZONE 'UTC', NULL, NULL, 'NEW', 'UPDATE', 'account', 9, '0015g00000048ymAAA', '"numberofemployees"=>"320"', '"numberofemployees"=>"420"', NULL, NULL),
  (2, 51002, TIMESTAMP '2024-11-29 10:16:30' AT TIME ZONE 'UTC', TIMESTAMP '2024-11-29 10:18:02' AT TIME ZONE 'UTC', TIMESTAMP '2024-11-29 10:18:02' AT TIME ZONE 'UTC', 51007, 'FAILED', 'UPDATE', 'account', 12, '0015g0000005SiJAAU', '"annualrevenue"=>"10355352000.00"', '"annualrevenue"=>"2588838000.00"', 1, 'FIELD_CUSTOM_VALIDATION_EXCEPTION: Annual revenue must not decrease by more than 50%'),
  (3, 51003, TIMESTAMP '2024-11-29 10:20:45' AT TIME ZONE 'UTC', TIMESTAMP '2024-11-29 10:20:45' AT TIME ZONE 'UTC', NULL, NULL, 'NEW', 'INSERT', 'account', 40, NULL, NULL, '"name"=>"Nimbus Education", "industry"=>"Education"', NULL, NULL),
  (4, 51004, TIMESTAMP '2024-11-29 10:22:10' AT TIME ZONE 'UTC', TIMESTAMP '2024-11-29 10:22:10' AT TIME ZONE 'UTC', NULL, NULL, 'NEW', 'UPDATE', 'contact', 5, '0035g0000000SGBAA2', '"title"=>"Software Engineer"', '"title"=>"Head of Procurement"', NULL, NULL);
SELECT setval('salesforce._trigger_log_id_seq', (SELECT max(id) FROM salesforce._trigger_log));

-- Accounts whose engineering work lives in a repository of the Bitbucket workspace "acme"
-- (a custom field, like backlog_project_id__c).
UPDATE salesforce.account SET bitbucket_repo__c = 'api'
  WHERE sfid IN ('0015g0000000d1MAAQ', '0015g0000001wktAAA');
UPDATE salesforce.account SET bitbucket_repo__c = 'web' WHERE sfid = '0015g0000003GUQAA2';
UPDATE salesforce.account SET bitbucket_repo__c = 'mobile' WHERE sfid = '0015g0000007ewCAAQ';
UPDATE salesforce.account SET bitbucket_repo__c = 'infra' WHERE sfid = '0015g000000CUd9AAG';

-- Capture local writes the way Heroku Connect does: mark the row PENDING and log the change for the
-- (here imaginary) sync to Salesforce. Installed after the seed rows so that they are not logged.
CREATE FUNCTION salesforce.hc_capture() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO salesforce._trigger_log (txid, state, action, table_name, record_id, sfid, old)
        VALUES (txid_current(), 'NEW', 'DELETE', TG_TABLE_NAME, OLD.id, OLD.sfid, row_to_json(OLD)::text);
        RETURN OLD;
    END IF;
    NEW._hc_lastop := 'PENDING';
    NEW.systemmodstamp := (now() AT TIME ZONE 'UTC');
    INSERT INTO salesforce._trigger_log (txid, state, action, table_name, record_id, sfid, old, "values")
    VALUES (txid_current(), 'NEW', TG_OP, TG_TABLE_NAME, NEW.id, NEW.sfid,
            CASE WHEN TG_OP = 'UPDATE' THEN row_to_json(OLD)::text END, row_to_json(NEW)::text);
    RETURN NEW;
END
$$;
CREATE TRIGGER hc_account_logtrigger BEFORE INSERT OR UPDATE OR DELETE ON salesforce.account
    FOR EACH ROW EXECUTE FUNCTION salesforce.hc_capture();
CREATE TRIGGER hc_contact_logtrigger BEFORE INSERT OR UPDATE OR DELETE ON salesforce.contact
    FOR EACH ROW EXECUTE FUNCTION salesforce.hc_capture();
