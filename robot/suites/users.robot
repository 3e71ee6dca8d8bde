*** Settings ***
Documentation       User administration over HTTP: create, list, deactivate, permissions and the audit trail.
...
...                 Every test creates the users it needs with unique emails, so tests are independent and the
...                 suite can run again and again against the same database.
...                 Run with ``robot --variable BASE_URL:http://127.0.0.1:8080 robot/suites``.

Resource            ../resources/graphql.resource

Suite Setup         Prepare Users Suite

Test Tags           api    users


*** Test Cases ***
Admin Creates A User With A Unique Email
    [Documentation]    An administrator creates an active user with the given email, name and roles; the user
    ...    can be read back by id.
    ${email}=    Unique Email    created
    ${response}=    Create User Request    ${ADMIN}    ${email}    Robot Created    ${USER_PASSWORD}
    ...    DISPATCHER    VIEWER
    ${data}=    GraphQL Should Succeed    ${response}
    ${user}=    Set Variable    ${data}[createUser]
    Should Be Equal    ${user}[email]    ${email}
    Should Be Equal    ${user}[displayName]    Robot Created
    Should Be True    $user['isActive']
    Lists Should Be Equal    ${user}[roles]    ${{ ['DISPATCHER', 'VIEWER'] }}    ignore_order=True
    ${variables}=    Create Dictionary    id=${user}[id]
    ${response}=    GraphQL Request    ${USER_BY_ID}    ${variables}    token=${ADMIN}
    ${data}=    GraphQL Should Succeed    ${response}
    Dictionaries Should Be Equal    ${data}[user]    ${user}

Creating A User With A Taken Email Is Refused
    [Documentation]    Emails are unique regardless of case: a second account with the same address is refused
    ...    with CONFLICT on ``input.email``.
    ${user}=    Create User As Admin    taken
    ${same_email}=    Convert To Upper Case    ${user}[email]
    ${response}=    Create User Request    ${ADMIN}    ${same_email}    Robot Copy    ${USER_PASSWORD}    VIEWER
    GraphQL Error Fields Should Be    ${response}    input.email    code=CONFLICT

Creating A User Validates The Input
    [Documentation]    Invalid fields are reported with their input paths in ``extensions.fields``.
    ${response}=    Create User Request    ${ADMIN}    not-an-email    ${EMPTY}    ${USER_PASSWORD}
    GraphQL Error Fields Should Be    ${response}    input.email    input.displayName    input.roles
    ${email}=    Unique Email    weak
    ${response}=    Create User Request    ${ADMIN}    ${email}    Robot Weak    short    VIEWER
    GraphQL Error Fields Should Be    ${response}    input.password
    ${response}=    Create User Request    ${ADMIN}    ${email}    Robot Weak    onlyletterspassword    VIEWER
    GraphQL Error Fields Should Be    ${response}    input.password

New User Can Sign In
    [Documentation]    A freshly created user signs in with the initial password and gets the roles and
    ...    permissions they were given.
    ${user}=    Create User As Admin    signin    WAREHOUSE_STAFF
    ${auth}=    Sign In As    ${user}[email]    ${USER_PASSWORD}
    Should Be Equal    ${auth}[user][id]    ${user}[id]
    ${me}=    Me    ${auth}[accessToken]
    Should Be Equal    ${me}[email]    ${user}[email]
    Lists Should Be Equal    ${me}[roles]    ${{ ['WAREHOUSE_STAFF'] }}
    Lists Should Be Equal    ${me}[permissions]    ${{ ['STOCK_MOVE', 'TASK_MANAGE'] }}    ignore_order=True

Viewer Gets FORBIDDEN On createUser
    [Documentation]    A VIEWER may not create users (nor list users or read the audit log), and the refused
    ...    user does not exist afterwards.
    ${email}=    Unique Email    forbidden
    ${response}=    Create User Request    ${VIEWER}    ${email}    Robot Forbidden    ${USER_PASSWORD}    ADMIN
    GraphQL Error Code Should Be    ${response}    FORBIDDEN
    ${response}=    GraphQL Request    ${USERS}    token=${VIEWER}
    GraphQL Error Code Should Be    ${response}    FORBIDDEN
    ${response}=    GraphQL Request    ${AUDIT_LOG}    token=${VIEWER}
    GraphQL Error Code Should Be    ${response}    FORBIDDEN
    ${emails}=    List User Emails    search=${email}
    Should Be Empty    ${emails}

Anonymous Callers Get UNAUTHENTICATED On User Administration
    [Documentation]    Without a token, user administration is refused with UNAUTHENTICATED.
    ${email}=    Unique Email    anonymous
    ${response}=    Create User Request    ${EMPTY}    ${email}    Robot Anonymous    ${USER_PASSWORD}    VIEWER
    GraphQL Error Code Should Be    ${response}    UNAUTHENTICATED
    ${response}=    GraphQL Request    ${USERS}
    GraphQL Error Code Should Be    ${response}    UNAUTHENTICATED

List Users With Pagination
    [Documentation]    ``users`` is a Relay connection, oldest first: ``first`` and ``after`` walk through the
    ...    pages without gaps or repeats, and ``hasNextPage`` ends the walk.
    ${tag}=    Unique Suffix
    ${created}=    Create List
    FOR    ${index}    IN RANGE    3
        ${user}=    Create User As Admin    page-${tag}
        Append To List    ${created}    ${user}[email]
    END
    ${first_page}=    Users Page    ${2}    ${None}    search=page-${tag}
    Length Should Be    ${first_page}[edges]    2
    Should Be True    $first_page['pageInfo']['hasNextPage']
    Should Be Equal    ${first_page}[pageInfo][endCursor]    ${first_page}[edges][-1][cursor]
    ${second_page}=    Users Page    ${2}    ${first_page}[pageInfo][endCursor]    search=page-${tag}
    Length Should Be    ${second_page}[edges]    1
    Should Not Be True    $second_page['pageInfo']['hasNextPage']
    ${listed}=    Evaluate    [edge['node']['email'] for edge in $first_page['edges'] + $second_page['edges']]
    Lists Should Be Equal    ${listed}    ${created}
    # Unfiltered pages hold the seeded users as well and never repeat a user.
    ${page}=    Users Page    ${2}    ${None}
    ${next}=    Users Page    ${2}    ${page}[pageInfo][endCursor]
    ${ids}=    Evaluate    [edge['node']['id'] for edge in $page['edges'] + $next['edges']]
    Length Should Be    ${ids}    4
    List Should Not Contain Duplicates    ${ids}

Users Pagination Arguments Are Validated
    [Documentation]    An out-of-range page size or a malformed cursor is BAD_USER_INPUT on that argument.
    ${variables}=    Create Dictionary    first=${0}
    ${response}=    GraphQL Request    ${USERS}    ${variables}    token=${ADMIN}
    GraphQL Error Fields Should Be    ${response}    first
    ${variables}=    Create Dictionary    first=${2}    after=not-a-cursor
    ${response}=    GraphQL Request    ${USERS}    ${variables}    token=${ADMIN}
    GraphQL Error Fields Should Be    ${response}    after

Deactivated User Cannot Sign In
    [Documentation]    Deactivating a user ends their sessions at once and refuses their next sign-in with
    ...    UNAUTHENTICATED; the user is listed among the inactive ones.
    ${user}=    Create User As Admin    deactivated
    ${auth}=    Sign In As    ${user}[email]    ${USER_PASSWORD}
    ${response}=    Deactivate User As Admin    ${user}[id]
    ${data}=    GraphQL Should Succeed    ${response}
    Should Not Be True    $data['deactivateUser']['isActive']
    Access Token Should Be Rejected    ${auth}[accessToken]
    ${refresh}=    Refresh Session    ${auth}[refreshToken]
    GraphQL Error Code Should Be    ${refresh}    UNAUTHENTICATED
    Sign In Should Fail    ${user}[email]    ${USER_PASSWORD}
    ${inactive}=    List User Emails    search=${user}[email]    isActive=${False}
    Lists Should Be Equal    ${inactive}    ${{ [$user['email']] }}
    ${active}=    List User Emails    search=${user}[email]    isActive=${True}
    Should Be Empty    ${active}

Deactivating An Unknown User Is NOT_FOUND
    [Documentation]    ``deactivateUser`` with an id that belongs to nobody fails with NOT_FOUND.
    ${id}=    Evaluate    str(uuid.uuid4())    modules=uuid
    ${response}=    Deactivate User As Admin    ${id}
    GraphQL Error Code Should Be    ${response}    NOT_FOUND

Deactivation Appears In The Audit Log
    [Documentation]    ``auditLog`` filtered by the user's id shows who deactivated the user, with the state
    ...    before and after, next to the user's creation.
    ${user}=    Create User As Admin    audited
    ${response}=    Deactivate User As Admin    ${user}[id]
    GraphQL Should Succeed    ${response}
    ${entries}=    Audit Entries    entityId=${user}[id]
    ${actions}=    Evaluate    [entry['action'] for entry in $entries]
    Should Be Equal    ${actions}    ${{ ['deactivateUser', 'createUser'] }}    msg=Newest first: ${actions}
    ${entry}=    Set Variable    ${entries}[0]
    Should Be Equal    ${entry}[outcome]    SUCCESS
    Should Be Equal    ${entry}[entityType]    User
    Should Be Equal    ${entry}[actorId]    ${ADMIN_ID}
    Should Be Equal    ${entry}[errorCode]    ${None}
    Should Be True    $entry['before']['isActive']
    Should Not Be True    $entry['after']['isActive']
    Should Be Equal    ${entry}[after][email]    ${user}[email]
    ${only}=    Audit Entries    entityId=${user}[id]    action=deactivateUser    outcome=SUCCESS
    Length Should Be    ${only}    1
    Should Be Equal    ${only}[0][id]    ${entry}[id]


*** Keywords ***
Prepare Users Suite
    [Documentation]    Opens the HTTP session and gets the administrator's (``${ADMIN}``) and the seeded
    ...    viewer's (``${VIEWER}``) access tokens.
    Create GraphQL Session    ${BASE_URL}
    ${admin}=    Admin Token
    Set Suite Variable    ${ADMIN}    ${admin}
    ${viewer}=    Sign In As    ${VIEWER_EMAIL}    ${DEMO_PASSWORD}
    Set Suite Variable    ${VIEWER}    ${viewer}[accessToken]

Users Page
    [Documentation]    Returns one page of ``users`` (``pageInfo`` and ``edges``) of ``${first}`` users after the
    ...    cursor ``${after}`` (none for the first page), filtered by the named arguments.
    [Arguments]    ${first}    ${after}    &{filter}
    ${variables}=    Create Dictionary    filter=${filter}    first=${first}    after=${after}
    ${response}=    GraphQL Request    ${USERS}    ${variables}    token=${ADMIN}
    ${data}=    GraphQL Should Succeed    ${response}
    RETURN    ${data}[users]

List User Emails
    [Documentation]    Returns the emails of the first 100 users matching the filter given as named arguments.
    [Arguments]    &{filter}
    ${page}=    Users Page    ${100}    ${None}    &{filter}
    ${emails}=    Evaluate    [edge['node']['email'] for edge in $page['edges']]
    RETURN    ${emails}
